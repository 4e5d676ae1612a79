// Renders the supervisor's picture into the page's tables: queues (with a live ticking longest wait), agents by
// presence, and the waiting items of the queue chosen.
import { t } from "/js/i18n.js";
import { channelText, presenceText, queueName, timeText, waitText } from "./format.js";

const PRESENCE_ORDER = { Available: 0, Busy: 1, Away: 2, Offline: 3 };

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

/** Fills the queue table; showItems(queue) is called when a queue's items are asked for. */
export function renderQueues(queues, showItems) {
  const body = document.querySelector("#queues tbody");
  const rows = [...queues.values()].sort((a, b) => a.queue.localeCompare(b.queue));
  body.replaceChildren(...rows.map(queue => {
    const row = document.createElement("tr");
    row.dataset.queue = queue.queue;
    const wait = cell(waitText(queue.oldestWaitingSince), "number longest-wait");
    if (queue.oldestWaitingSince) wait.dataset.since = queue.oldestWaitingSince;
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = t("supervisor.showItems");
    button.addEventListener("click", () => showItems(queue.queue));
    const action = document.createElement("td");
    action.append(button);
    row.append(
      cell(queueName(queue.queue), "queue-name"),
      cell(String(queue.waiting), "number waiting"),
      wait,
      cell(String(queue.slaBreaches), queue.slaBreaches > 0 ? "number sla-breaches breach" : "number sla-breaches"),
      cell(String(queue.escalated), "number escalated"),
      cell(String(queue.offersOut), "number offers-out"),
      cell(String(queue.agentsAvailable), "number agents-available"),
      action);
    return row;
  }));
  document.getElementById("queues-empty").hidden = rows.length > 0;
}

/** Moves every longest-wait cell on by the clock (called every second). */
export function tickWaits() {
  const now = Date.now();
  for (const element of document.querySelectorAll("#queues td.longest-wait[data-since]"))
    element.textContent = waitText(element.dataset.since, now);
}

/** A "Neu zuweisen" button for one item. */
export function reassignButton(itemId, open) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "reassign";
  button.textContent = t("supervisor.reassign");
  button.addEventListener("click", () => open(itemId));
  return button;
}

/** Fills the agent table; reassign(itemId), when given, is offered for every assigned item. */
export function renderAgents(agents, reassign) {
  const body = document.querySelector("#agents tbody");
  const rows = [...agents.values()].sort((a, b) =>
    (PRESENCE_ORDER[a.presence] ?? 9) - (PRESENCE_ORDER[b.presence] ?? 9) || a.agentId.localeCompare(b.agentId));
  body.replaceChildren(...rows.map(agent => {
    const row = document.createElement("tr");
    row.dataset.agent = agent.agentId;
    row.className = `presence-${agent.presence}`;
    const assigned = document.createElement("td");
    assigned.className = "assigned";
    assigned.append(...agent.assignedItems.map(id => {
      const span = document.createElement("span");
      span.className = "assigned-item";
      span.dataset.item = id;
      span.textContent = `${id} `;
      if (reassign) span.append(reassignButton(id, reassign));
      return span;
    }));
    row.append(
      cell(agent.agentId, "agent-id"),
      cell(presenceText(agent.presence), "presence"),
      cell(agent.team ?? "–", "team"),
      cell(t("supervisor.loadOf", { load: agent.load, budget: agent.budget }), "number load"),
      cell(String(agent.offers), "number offers"),
      assigned);
    return row;
  }));
  document.getElementById("agents-empty").hidden = rows.length > 0;
}

/** Shows the waiting items of one queue; action(item) may return an element for the row's last cell. */
export function renderItems(queue, items, action) {
  document.getElementById("items").hidden = false;
  document.getElementById("items-title").textContent = t("supervisor.itemsOf", { queue: queueName(queue) });
  const body = document.querySelector("#items-table tbody");
  body.replaceChildren(...items.map(item => {
    const row = document.createElement("tr");
    row.dataset.item = item.itemId;
    const last = document.createElement("td");
    const extra = action?.(item);
    if (extra) last.append(extra);
    row.append(
      cell(item.itemId, "item-id"),
      cell(channelText(item.channel), "channel"),
      cell(item.topic, "topic"),
      cell(String(item.priority), "number priority"),
      cell(timeText(item.createdAt), "created"),
      cell(timeText(item.slaDeadline), Date.parse(item.slaDeadline) <= Date.now() ? "sla breach" : "sla"),
      last);
    return row;
  }));
  document.getElementById("items-empty").hidden = items.length > 0;
}
