// The agent workspace: on the left the live inbox (offers pushed by the server as they come — nobody types an id —,
// the agent's items, the team's and all waiting items; search; SLA countdowns; unread badges), in the middle the
// selected item with canned responses, internal notes and the chat pane, on the right the customer panel. The
// modules in /js/workspace/ each do one part; the chat itself is /js/chat/.
import { t } from "/js/i18n.js";
import { mountChatPage, showProfile } from "/js/chat/page.js";
import { errorText } from "/js/chat/hub-errors.js";
import { formatDateTime } from "/js/chat/dom.js";
import { mountAgentForms } from "/js/forms/agent-forms.js";
import { fillPlaceholders, insertIntoTextarea, renderCannedChoices } from "/js/workspace/canned.js";
import { CustomerPanels, renderCustomerPanel } from "/js/workspace/customer-panel.js";
import { renderIncomingCall } from "/js/workspace/incoming-call.js";
import { bindHoldButton, holdLabel } from "/js/workspace/hold.js";
import { DeskState } from "/js/workspace/desk.js";
import { conversationOf, myEntries, waitingEntries } from "/js/workspace/entries.js";
import { renderInboxList, matchesSearch } from "/js/workspace/inbox-list.js";
import { JOIN_FORM, bindJoinForm, openConversation } from "/js/workspace/join-by-number.js";
import { channelText, itemStatusText, PRESENCES, presenceText } from "/js/workspace/labels.js";
import { createNotes } from "/js/workspace/notes.js";
import { OfferAlert } from "/js/workspace/offer-alert.js";
import { startCountdowns } from "/js/workspace/sla.js";
import { bindTransferForm } from "/js/workspace/transfer.js";
import { WaitingItems } from "/js/workspace/waiting.js";

const $ = id => document.getElementById(id);
let agentName = "";

showProfile("/api/me/", me => {
  agentName = me.displayName;
  return t("agent.profile", { name: me.displayName, team: me.team ?? t("agent.noTeam"), skills: me.skills.join(", ") });
});

const chat = mountChatPage({
  title: t("agent.chatTitle"),
  startForm: JOIN_FORM,
  // No ListConversations on this server: the conversations joined in this session.
  withoutList: client => Promise.all(client.remembered("joined").map(async id => {
    try { client.applyViews([await client.invoke("GetConversation", id)]); } catch { /* gone or not allowed */ }
  })),
  inputLabel: t("agent.inputLabel"),
  signedOutText: t("agent.signedOut"),
  hub: "/hubs/agent",
  remembered: "joined",
  errorId: "join-error",
});

if (chat) {
  bindJoinForm(chat);
  startWorkspace(chat);
} else {
  renderCustomerPanel($("customer-panel"), null, null);
}

function startWorkspace(chat) {
  const { client } = chat;
  const desk = new DeskState(client);
  const waiting = new WaitingItems(client);
  const panels = new CustomerPanels(client);
  const alert = new OfferAlert();
  const notes = createNotes($("notes"), client);
  let filter = "mine";
  let selected = null;
  let canned = [];
  // Forms: proposed in the open chat, or filled with the customer of the selected item (/js/forms/agent-forms.js).
  const forms = mountAgentForms(client, {
    conversationId: () => client.selected ?? null,
    workItemId: () => (selected && desk.assigned.includes(selected) ? selected : null),
  });

  // Presence and the offer tone.
  const presence = $("presence");
  presence.replaceChildren(...PRESENCES.map(p => new Option(presenceText(p), p)));
  presence.addEventListener("change", async () => {
    presence.disabled = true;
    try { await desk.setPresence(presence.value); } catch (e) { $("inbox-error").textContent = errorText(e); }
    presence.disabled = false;
  });
  const sound = $("offer-sound");
  sound.checked = alert.soundOn;
  sound.addEventListener("change", () => alert.setSound(sound.checked));

  // Filters and search.
  for (const button of document.querySelectorAll("[data-filter]")) {
    button.addEventListener("click", () => {
      filter = button.dataset.filter;
      for (const other of document.querySelectorAll("[data-filter]")) other.setAttribute("aria-pressed", String(other === button));
      if (filter === "mine") waiting.stop();
      else waiting.show(filter === "team" ? (desk.team ? `team:${desk.team}` : "") : null);
      renderInbox();
    });
  }
  $("inbox-search").addEventListener("input", renderInbox);

  function entries() {
    if (filter === "mine") return myEntries(desk, panels, client);
    if (filter === "team" && !desk.team) return [];
    return waitingEntries(waiting.items);
  }

  function renderInbox() {
    $("inbox-error").textContent = filter === "team" && desk.desk && !desk.team ? t("ws.inbox.noTeam")
      : filter !== "mine" && waiting.error ? errorText(waiting.error) : "";
    const search = $("inbox-search").value;
    renderInboxList($("inbox-list"), entries().filter(e => matchesSearch(e, search)), selected, { select, accept, decline });
  }

  function renderItem() {
    forms.update();
    const item = selected && desk.items.get(selected);
    const offer = selected && desk.offers.find(o => o.itemId === selected);
    $("item-none").hidden = Boolean(item || offer);
    $("item-details").hidden = !(item || offer);
    if (!(item || offer)) return;
    const view = item ?? offer;
    $("item-topic").textContent = view.topic;
    $("item-meta").textContent = t("ws.item.meta", {
      channel: channelText(view.channel), status: itemStatusText(item?.status ?? "Offered"), priority: view.priority,
      deadline: formatDateTime(view.slaDeadline),
    });
    $("item-complete").hidden = !desk.assigned.includes(selected);
    $("item-hold").hidden = !(item && desk.assigned.includes(selected));
    $("item-hold").textContent = holdLabel(item);
    $("transfer-form").hidden = !desk.assigned.includes(selected);
    // Canned responses go into the reply box of the chat pane: only for a chat the agent holds.
    $("canned").disabled = canned.length === 0 || !conversationOf(item) || !desk.assigned.includes(selected);
  }

  async function showCustomer(itemId) {
    const root = $("customer-panel");
    if (!itemId) {
      renderCustomerPanel(root, null, null);
      return;
    }
    try {
      const panel = await panels.load(itemId);
      if (selected === itemId) renderCustomerPanel(root, panel, null);
      renderInbox();
    } catch (e) {
      if (selected === itemId) renderCustomerPanel(root, null, e);
    }
  }

  async function select(itemId) {
    selected = itemId;
    $("item-error").textContent = "";
    renderItem();
    renderInbox();
    showCustomer(itemId);
    notes.show(itemId);
    const conversationId = conversationOf(desk.items.get(itemId));
    if (conversationId && desk.assigned.includes(itemId)) {
      try { await openConversation(chat, conversationId); } catch (e) { $("item-error").textContent = errorText(e); }
    }
  }

  async function accept(entry) {
    try {
      const item = await desk.accept(entry.offerId);
      await select(item.id);
    } catch (e) {
      $("inbox-error").textContent = errorText(e);
    }
  }

  async function decline(entry) {
    try {
      await desk.decline(entry.offerId);
      if (selected === entry.itemId) await select(null);
    } catch (e) {
      $("inbox-error").textContent = errorText(e);
    }
  }

  $("item-complete").addEventListener("click", async () => {
    if (!selected || !confirm(t("ws.item.completeConfirm"))) return;
    const itemId = selected;
    try {
      await desk.complete(itemId);
      panels.forget(itemId);
      await select(null);
    } catch (e) {
      $("item-error").textContent = errorText(e);
    }
  });

  bindHoldButton(() => selected && desk.items.get(selected), view => {
    desk.items.set(view.id, view);
    renderItem();
    renderInbox();
  }, text => { $("item-error").textContent = text; });

  bindTransferForm(() => selected, async itemId => {
    panels.forget(itemId);
    await desk.refresh();
    if (selected === itemId) await select(null);
  });

  // Canned responses of the agent's team, filled from the selected item's customer panel.
  $("canned").addEventListener("change", () => {
    const response = canned[Number($("canned").value)];
    $("canned").value = "";
    if (!response || !selected) return;
    const profile = panels.known(selected)?.profile;
    insertIntoTextarea($("chat-input"), fillPlaceholders(response.text, {
      givenName: profile?.givenName, familyName: profile?.familyName, agentName,
    }));
  });
  async function loadCanned() {
    try {
      canned = await client.invoke("ListCannedResponses");
      renderCannedChoices($("canned"), canned, t("ws.canned.choose"));
      renderItem();
    } catch {
      // Tried again on the next connect.
    }
  }

  desk.addEventListener("offer", () => alert.ring());
  desk.addEventListener("change", () => {
    presence.value = desk.desk?.presence ?? "Offline";
    presence.disabled = false;
    alert.showCount(desk.offers.length);
    for (const id of [...desk.offers.map(o => o.itemId), ...desk.assigned]) {
      if (!panels.known(id)) panels.load(id).then(renderInbox, () => {});
      const conversationId = conversationOf(desk.items.get(id));
      if (conversationId && desk.assigned.includes(id)) client.watch(conversationId);
    }
    if (selected && !desk.items.has(selected) && !desk.offers.some(o => o.itemId === selected)) select(null);
    showCall(desk.desk?.incomingCall ?? null);
    if (filter !== "mine") waiting.refresh();
    renderItem();
    renderInbox();
  });
  // The screen pop of a call put through to this agent: the caller's name, and the panel while nothing is selected.
  async function showCall(call) {
    const root = $("incoming-call");
    renderIncomingCall(root, call, call ? panels.known(call.itemId) : null);
    if (!call) return;
    try {
      const panel = await panels.load(call.itemId);
      if (root.dataset.itemId !== call.itemId) return;
      renderIncomingCall(root, call, panel);
      if (!selected) renderCustomerPanel($("customer-panel"), panel, null);
    } catch {
      // The call ended meanwhile, or the panel is refused: the banner names the topic only.
    }
  }

  waiting.addEventListener("change", renderInbox);
  client.addEventListener("change", renderInbox);
  client.addEventListener("connected", loadCanned);
  startCountdowns($("inbox-list"));
  renderCustomerPanel($("customer-panel"), null, null);
  renderInbox();
}
