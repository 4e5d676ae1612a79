// How the supervisor view writes queue names, presence, waits and times, in the page's language.
import { locale, t } from "/js/i18n.js";

/** "team:Team Nord" → "Team: Team Nord", "skill:chat" → "Fähigkeit: chat", "general" → "Allgemein". */
export function queueName(queue) {
  if (queue.startsWith("team:")) return t("supervisor.queueTeam", { name: queue.slice(5) });
  if (queue.startsWith("skill:")) return t("supervisor.queueSkill", { name: queue.slice(6) });
  return queue === "general" ? t("supervisor.queueGeneral") : queue;
}

export const presenceText = presence => t(`supervisor.presence.${presence}`);

export const channelText = channel => t(`supervisor.channel.${channel}`);

/** A wait as h:mm:ss or m:ss; "–" when nothing waits. */
export function waitText(since, now = Date.now()) {
  if (!since) return "–";
  const seconds = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

const timeFormat = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "medium" });

export const timeText = iso => timeFormat.format(new Date(iso));
