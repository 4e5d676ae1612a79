// The list of a user's conversations beside the chat pane.
import { t } from "/js/i18n.js";
import { element, formatDateTime } from "./dom.js";
import { stateText, topicText } from "./labels.js";

/**
 * The list of conversations (newest first): a button per conversation with topic, start time and state.
 * ids: the conversations to list; the client knows their views.
 */
export function renderConversationList(list, client, ids, selectedId, onSelect) {
  const conversations = [...new Set(ids)].map(id => client.conversation(id))
    .sort((a, b) => (b.view?.startedAt ?? "").localeCompare(a.view?.startedAt ?? ""));
  const rows = conversations.map(conversation => {
    const row = document.createElement("li");
    const button = element("button", "chat-list-entry");
    button.type = "button";
    button.dataset.conversationId = conversation.id;
    button.dataset.state = conversation.state;
    if (conversation.id === selectedId) button.setAttribute("aria-current", "true");
    button.append(
      element("span", "chat-list-topic", conversation.topic ? topicText(conversation.topic) : t("chat.conversation")),
      element("span", "chat-list-time", formatDateTime(conversation.view?.startedAt)),
      element("span", "chat-list-state", stateText(conversation.state)));
    button.addEventListener("click", () => onSelect(conversation.id));
    row.append(button);
    return row;
  });
  if (rows.length === 0) rows.push(element("li", "chat-list-empty", t("chat.noConversations")));
  // Rebuild only when something visible changed (a rebuild under the pointer would swallow a click).
  const signature = JSON.stringify([selectedId, conversations.map(c => [c.id, c.topic, c.state, c.view?.startedAt])]);
  if (list.dataset.signature === signature) return;
  list.dataset.signature = signature;
  list.replaceChildren(...rows);
}
