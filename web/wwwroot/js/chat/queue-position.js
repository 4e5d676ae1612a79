// The insured's place in line under the chat's state ("Wartet auf Beratung"): the server pushes queuePosition
// notices when the position changes; after every (re)connect and when another chat is opened the page asks once
// (GetQueuePosition), so it shows the position at once. Shown only while the chat waits (not when active or closed).
import { t } from "/js/i18n.js";
import { isMissingMethod } from "./hub-errors.js";

/** Adds the position line to the pane (#chat-pane) of a ChatClient on the customer hub. */
export function showQueuePosition(client, pane) {
  const line = document.createElement("p");
  line.id = "chat-queue-position";
  line.className = "chat-queue-position";
  line.setAttribute("role", "status");
  line.hidden = true;
  pane.querySelector(".chat-number")?.after(line);
  const latest = new Map();

  const current = () => pane.dataset.conversationId ?? null;

  function keep(notice) {
    if (!notice?.conversationId) return;
    const id = notice.conversationId.toLowerCase();
    const known = latest.get(id);
    if (!known || Date.parse(known.at) <= Date.parse(notice.at)) latest.set(id, notice);
    render();
  }

  function render() {
    const id = current();
    const notice = id && latest.get(id);
    const state = id ? client.conversation(id).state : null;
    const waiting = notice && state !== "Active" && state !== "Closed";
    line.hidden = !waiting;
    line.textContent = waiting ? describe(notice) : "";
    if (waiting) line.dataset.position = String(notice.position); else delete line.dataset.position;
  }

  async function ask() {
    const id = current();
    if (!id || !client.connected) return;
    try {
      const notice = await client.invoke("GetQueuePosition", id);
      if (notice) keep(notice);
      else if (latest.delete(id)) render();
    } catch (error) {
      // An older server, or a chat that is not waiting in any queue: nothing to show.
      if (!isMissingMethod(error)) latest.delete(id);
      render();
    }
  }

  client.on("queuePosition", keep);
  client.addEventListener("connected", ask);
  client.addEventListener("change", event => { if (event.detail === current()) render(); });
  new MutationObserver(() => { render(); ask(); }).observe(pane, { attributes: true, attributeFilter: ["data-conversation-id"] });
}

/** The text of a notice in the page's language. */
export function describe({ position, estimatedWaitSeconds, exact }) {
  if (position === 0) return t("queue.next");
  const minutes = estimatedWaitSeconds == null ? null : Math.max(1, Math.round(estimatedWaitSeconds / 60));
  if (exact === false) return minutes == null ? t("queue.beyondUnknown", { position }) : t("queue.beyond", { position, minutes });
  if (minutes == null) return t("queue.positionUnknown", { position });
  return minutes === 1 ? t("queue.positionOneMinute", { position }) : t("queue.position", { position, minutes });
}
