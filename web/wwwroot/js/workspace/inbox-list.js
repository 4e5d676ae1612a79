// The live inbox list on the left of the workspace: one row per entry with channel icon, customer, topic, priority,
// SLA countdown (sla.js) and unread badge; offers carry accept and decline buttons. Rebuilt only when something
// visible changed, so a click is never swallowed by a rebuild under the pointer.
import { t } from "/js/i18n.js";
import { element } from "/js/chat/dom.js";
import { channelIcon, channelText, itemStatusText } from "./labels.js";
import { renderCountdown } from "./sla.js";

/**
 * An entry: { itemId, kind: "offer" | "assigned" | "waiting", channel, topic, priority, slaDeadline, customer (name
 * or null), unread (count), offerId, status }.
 */
export function matchesSearch(entry, search) {
  const needle = search.trim().toLocaleLowerCase();
  if (!needle) return true;
  return [entry.topic, entry.customer, entry.itemId, channelText(entry.channel)]
    .some(text => (text ?? "").toLocaleLowerCase().includes(needle));
}

/** Renders entries into list; actions: { select(itemId), accept(entry), decline(entry) }. */
export function renderInboxList(list, entries, selectedId, actions) {
  const signature = JSON.stringify([selectedId, entries]);
  if (list.dataset.signature === signature) return;
  list.dataset.signature = signature;
  if (entries.length === 0) {
    list.replaceChildren(element("li", "ws-empty", t("ws.inbox.empty")));
    return;
  }
  list.replaceChildren(...entries.map(entry => row(entry, entry.itemId === selectedId, actions)));
}

function row(entry, selected, actions) {
  const item = element("li", "ws-entry");
  item.dataset.itemId = entry.itemId;
  item.dataset.kind = entry.kind;
  const open = element("button", "ws-entry-open");
  open.type = "button";
  open.disabled = entry.kind === "waiting";
  if (selected) open.setAttribute("aria-current", "true");
  const icon = element("span", "ws-channel", channelIcon(entry.channel));
  icon.title = channelText(entry.channel);
  icon.setAttribute("aria-label", channelText(entry.channel));
  const sla = element("span", "ws-sla");
  sla.dataset.deadline = entry.slaDeadline;
  sla.title = t("ws.sla.label");
  renderCountdown(sla);
  const priority = element("span", "ws-priority", t("ws.priority", { priority: entry.priority }));
  priority.dataset.priority = String(entry.priority);
  open.append(
    icon,
    element("span", "ws-customer", entry.customer ?? (entry.kind === "waiting" ? t("ws.inbox.waitingCustomer") : t("ws.inbox.customerUnknown"))),
    element("span", "ws-topic", entry.topic),
    priority,
    sla,
    element("span", "ws-kind", entry.kind === "offer" ? t("ws.inbox.offer") : entry.kind === "waiting" ? t("ws.inbox.waiting") : itemStatusText(entry.status)));
  if (entry.unread > 0) {
    const badge = element("span", "ws-unread", String(entry.unread));
    badge.setAttribute("aria-label", t("ws.inbox.unread", { count: entry.unread }));
    open.append(badge);
  }
  if (!open.disabled) open.addEventListener("click", () => actions.select(entry.itemId));
  item.append(open);
  if (entry.kind === "offer") {
    const buttons = element("div", "ws-offer-actions");
    const accept = element("button", "ws-accept", t("ws.offer.accept"));
    accept.type = "button";
    accept.addEventListener("click", () => actions.accept(entry));
    const decline = element("button", "secondary ws-decline", t("ws.offer.decline"));
    decline.type = "button";
    decline.addEventListener("click", () => actions.decline(entry));
    buttons.append(accept, decline);
    item.append(buttons);
  }
  return item;
}
