// SLA countdowns in the inbox: every element with data-deadline shows the time left (mm:ss, or h:mm:ss, or days),
// "überfällig" once it passed; one ticker for the page.
import { t } from "/js/i18n.js";

const pad = n => String(n).padStart(2, "0");

/** The time left until deadline (ISO text), for display, and whether it has passed. */
export function timeLeft(deadline, now = Date.now()) {
  const ms = new Date(deadline).getTime() - now;
  if (!(ms > 0)) return { text: t("ws.sla.overdue"), overdue: true, soon: true };
  const seconds = Math.floor(ms / 1000);
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const text = days > 0 ? t("ws.sla.days", { days, hours })
    : hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds % 60)}`
    : `${pad(minutes)}:${pad(seconds % 60)}`;
  return { text, overdue: false, soon: seconds < 300 };
}

/** Updates one countdown element from its data-deadline. */
export function renderCountdown(element) {
  const left = timeLeft(element.dataset.deadline);
  element.textContent = left.text;
  element.dataset.overdue = String(left.overdue);
  element.dataset.soon = String(left.soon);
}

/** Starts the page's ticker: every second, every countdown under root. */
export function startCountdowns(root) {
  const tick = () => { for (const element of root.querySelectorAll("[data-deadline]")) renderCountdown(element); };
  tick();
  return setInterval(tick, 1000);
}
