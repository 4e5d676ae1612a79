// The rows of the inbox list from what the workspace knows: the desk's offers and assigned items ("Meine"), or the
// waiting items of the agent's queues ("Team", "Alle wartenden"); customer names only from loaded (audited) customer
// panels, unread counts from the chat client's conversations.
import { GUID } from "./join-by-number.js";
import { customerName } from "./customer-panel.js";

/** The conversation of a chat item: WorkItemView.conversationId, or its reference when that is a conversation id. */
export function conversationOf(item) {
  if (item?.conversationId) return item.conversationId.toLowerCase();
  return item?.channel === "Chat" && GUID.test(item.reference ?? "") ? item.reference.toLowerCase() : null;
}

/** Messages of others in a conversation after the agent's own read receipt. */
export function unreadOf(client, conversationId) {
  if (!conversationId) return 0;
  const conversation = client.conversation(conversationId);
  let count = 0;
  for (const e of conversation.events.values()) {
    if (e.kind === "Message" && e.senderId !== client.me && e.seq > conversation.readUpTo) count++;
  }
  return count;
}

const byUrgency = (a, b) => a.priority - b.priority || String(a.slaDeadline).localeCompare(String(b.slaDeadline));

/** "Meine": offers first, then assigned items, each by priority and deadline. */
export function myEntries(desk, panels, client) {
  const offers = desk.offers.map(offer => ({
    itemId: offer.itemId, kind: "offer", channel: offer.channel, topic: offer.topic, priority: offer.priority,
    slaDeadline: offer.slaDeadline, customer: customerName(panels.known(offer.itemId)), unread: 0,
    offerId: offer.offerId, status: "Offered",
  })).sort(byUrgency);
  const assigned = desk.assigned.map(id => {
    const item = desk.items.get(id);
    return {
      itemId: id, kind: "assigned", channel: item?.channel ?? "", topic: item?.topic ?? id, priority: item?.priority ?? 0,
      slaDeadline: item?.slaDeadline ?? "", customer: customerName(panels.known(id)),
      unread: unreadOf(client, conversationOf(item)), offerId: null, status: item?.status ?? "Assigned",
    };
  }).sort(byUrgency);
  return [...offers, ...assigned];
}

/** "Team" / "Alle wartenden": the waiting items in queue order (no customer data before anyone took them). */
export function waitingEntries(items) {
  return items.map(w => ({
    itemId: w.itemId, kind: "waiting", channel: w.channel, topic: w.topic, priority: w.priority,
    slaDeadline: w.slaDeadline, customer: null, unread: 0, offerId: null, status: "Queued",
  }));
}
