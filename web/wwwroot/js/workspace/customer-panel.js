// The customer panel on the right of the workspace: master data, open work items, earlier contacts (finished items)
// and conversations of the selected item's customer. Every load is one audited read on the server
// (GetCustomerPanel); the page keeps each answer per item for its lifetime, so a re-render asks nothing.
import { t } from "/js/i18n.js";
import { element, formatDateTime } from "/js/chat/dom.js";
import { errorText } from "/js/chat/hub-errors.js";
import { stateText, topicText } from "/js/chat/labels.js";
import { channelIcon, channelText, itemStatusText } from "./labels.js";
import { agentSuggestions } from "/js/banners/agent-suggestions.js"; // h13-nba

export class CustomerPanels {
  #client;
  #panels = new Map();
  #loading = new Map();

  constructor(client) { this.#client = client; }

  /** The panel of an item when it was loaded already, else undefined. */
  known(itemId) { return this.#panels.get(itemId); }

  /** Loads the panel of an item once (audited on the server); later calls get the same answer. */
  load(itemId) {
    if (this.#panels.has(itemId)) return Promise.resolve(this.#panels.get(itemId));
    if (!this.#loading.has(itemId)) {
      const loading = this.#client.invokeReliably("GetCustomerPanel", itemId)
        .then(panel => { this.#panels.set(itemId, panel); return panel; })
        .finally(() => this.#loading.delete(itemId));
      this.#loading.set(itemId, loading);
    }
    return this.#loading.get(itemId);
  }

  /** Forgets an item's panel (e.g. after wrap-up, so the next look reads the open items again). */
  forget(itemId) { this.#panels.delete(itemId); }
}

/** The customer's name for lists: "Vorname Nachname", or null without master data. */
export function customerName(panel) {
  const profile = panel?.profile;
  return profile ? `${profile.givenName} ${profile.familyName}` : null;
}

/** Renders the panel (or the reason it failed, or the hint to choose an item) into root. */
export function renderCustomerPanel(root, panel, error) {
  const heading = element("h2", null, t("ws.customer.title"));
  if (error) {
    root.replaceChildren(heading, element("p", "error", errorText(error)));
    return;
  }
  if (!panel) {
    root.replaceChildren(heading, element("p", "ws-hint", t("ws.customer.none")));
    return;
  }
  const parts = [heading];
  const profile = panel.profile;
  if (profile) {
    const data = element("dl", "ws-master-data");
    for (const [label, value] of [
      ["ws.customer.name", `${profile.givenName} ${profile.familyName}`],
      ["ws.customer.kvnr", profile.kvnr],
      ["ws.customer.birthDate", profile.birthDate ? new Date(profile.birthDate).toLocaleDateString() : ""],
      ["ws.customer.email", profile.email ?? "—"],
      ["ws.customer.channel", profile.preferredChannel],
    ]) {
      data.append(element("dt", null, t(label)), element("dd", null, value));
    }
    data.querySelector("dd").id = "customer-name";
    parts.push(data);
    if (profile.kvnr) parts.push(agentSuggestions(profile.kvnr)); // h13-nba
  } else {
    parts.push(element("p", "ws-hint", t("ws.customer.noMasterData")));
  }
  parts.push(section("ws.customer.openItems", panel.openItems, itemRow));
  parts.push(section("ws.customer.conversations", panel.conversations, c =>
    `${topicText(c.topic)} · ${stateText(c.state)} · ${formatDateTime(c.startedAt)}`));
  parts.push(section("ws.customer.earlier", panel.earlierItems, itemRow));
  root.replaceChildren(...parts);
}

function itemRow(item) {
  return `${channelIcon(item.channel)} ${channelText(item.channel)}: ${item.topic} · ${itemStatusText(item.status)} · ${formatDateTime(item.createdAt)}`;
}

function section(titleKey, entries, describe) {
  const part = element("section", "ws-customer-section");
  part.append(element("h3", null, t(titleKey)));
  if (!entries?.length) {
    part.append(element("p", "ws-hint", t("ws.customer.nothing")));
    return part;
  }
  const list = element("ul");
  for (const entry of entries) list.append(element("li", null, describe(entry)));
  part.append(list);
  return part;
}
