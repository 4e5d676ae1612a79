// Wires a chat page (portal, agent desktop): the signed-in user, the profile card, the chat card, the list and the
// pane, bound to one ChatClient.
import { t } from "/js/i18n.js";
import { apiGet, currentSession, showUser } from "/js/session.js";
import { bindConnectionStatus, renderChatCard } from "./card.js";
import { ChatClient } from "./client.js";
import { renderConversationList } from "./conversation-list.js";
import { errorText, isMissingMethod } from "./hub-errors.js";
import { createChatPane } from "./pane.js";

/**
 * The rest of a chat page: the signed-in user in #user and the profile card #content, describe(profile) of the
 * profile at url, or the reason it could not be loaded.
 */
export async function showProfile(url, describe) {
  showUser(document.getElementById("user"));
  const content = document.getElementById("content");
  try {
    content.textContent = describe(await apiGet(url));
  } catch (error) {
    content.className = "error";
    // A refused sign-in says so itself (and the page asks for a new one); anything else is a load error.
    content.textContent = error.sessionRefused ? error.message : t("common.loadError", { message: error.message });
  }
}

/**
 * Wires a chat page: renders the chat card into #chat (see renderChatCard) and, when someone is signed in, connects
 * to the hub, shows the connection status, lists the conversations and opens the selected one. The page handles its
 * start form's submit itself. options:
 * - title, startForm, inputLabel: the page's parts of the card;
 * - signedOutText: the status text when no one is signed in (the start form is hidden then);
 * - hub: the hub address;
 * - remembered: the name under which the client remembers the conversations opened in this tab;
 * - errorId: the id of the element in the start form where a failed ListConversations is reported;
 * - withoutList(client): optional, when the server lacks ListConversations (the remembered ones stay listed anyway).
 * Returns null when no one is signed in, else { client, listed (the Set of listed ids), select(id) }.
 */
export function mountChatPage({ title, startForm, inputLabel, signedOutText, hub, remembered, errorId, withoutList }) {
  const card = document.getElementById("chat");
  renderChatCard(card, { title, startForm, inputLabel });
  const list = document.getElementById("chat-list");
  const connection = document.getElementById("chat-connection");

  if (!currentSession()) {
    connection.textContent = signedOutText;
    connection.dataset.status = "signed-out";
    card.querySelector("form.chat-start").hidden = true;
    return null;
  }

  const client = new ChatClient(hub);
  const pane = createChatPane(document.getElementById("chat-pane"), client);
  bindConnectionStatus(connection, client);
  // Conversations to list: those the server lists plus those opened in this tab (until the list has them).
  const listed = new Set(client.remembered(remembered));

  const renderList = () => renderConversationList(list, client, [...listed], pane.current, select);

  function select(id) {
    client.selected = id;
    client.watch(id);
    pane.show(id);
    renderList();
  }

  async function refreshList() {
    try {
      const views = await client.invoke("ListConversations");
      client.applyViews(views);
      for (const view of views) listed.add(view.conversationId);
    } catch (error) {
      if (!isMissingMethod(error)) document.getElementById(errorId).textContent = errorText(error);
      else await withoutList?.(client);
    }
    renderList();
  }

  client.addEventListener("change", event => {
    listed.add(event.detail);
    renderList();
  });
  client.addEventListener("vanished", event => {
    listed.delete(event.detail);
    client.forget(remembered, event.detail);
    if (pane.current === event.detail) pane.show(null);
    renderList();
  });
  client.addEventListener("connected", refreshList);
  if (client.selected) select(client.selected); else renderList();
  client.start();
  return { client, listed, select };
}
