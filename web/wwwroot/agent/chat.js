// The agent desktop's chat: take over a conversation by its number, the agent's conversations, and the chat pane.
// Connection, resume and retries live in /js/chat-client.js.
import { currentSession } from "/js/session.js";
import { ChatClient, errorText, isMissingMethod } from "/js/chat-client.js";
import { bindConnectionStatus, createChatPane, renderConversationList } from "/js/chat-pane.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const joinForm = document.getElementById("join-form");
const joinInput = document.getElementById("join-id");
const joinError = document.getElementById("join-error");
const list = document.getElementById("chat-list");
const connection = document.getElementById("chat-connection");

if (!currentSession()) {
  connection.textContent = "Bitte melden Sie sich an.";
  connection.dataset.status = "signed-out";
  joinForm.hidden = true;
} else {
  const client = new ChatClient("/hubs/agent");
  const pane = createChatPane(document.getElementById("chat-pane"), client);
  bindConnectionStatus(connection, client);
  const listed = new Set(client.remembered("joined"));

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
      if (!isMissingMethod(error)) {
        joinError.textContent = errorText(error);
      } else {
        // No ListConversations on this server: the conversations joined in this session.
        await Promise.all(client.remembered("joined").map(async id => {
          try { client.applyViews([await client.invoke("GetConversation", id)]); } catch { /* gone or not allowed */ }
        }));
      }
    }
    renderList();
  }

  joinForm.addEventListener("submit", async event => {
    event.preventDefault();
    joinError.textContent = "";
    const id = joinInput.value.trim().toLowerCase();
    if (!GUID.test(id)) {
      joinError.textContent = "Bitte geben Sie eine gültige Gesprächsnummer ein.";
      return;
    }
    const button = joinForm.querySelector("button");
    button.disabled = true;
    try {
      client.applyViews([await client.invokeReliably("JoinConversation", id)]);
      client.remember("joined", id);
      listed.add(id);
      joinInput.value = "";
      select(id);
    } catch (error) {
      joinError.textContent = errorText(error);
    } finally {
      button.disabled = false;
    }
  });

  client.addEventListener("change", event => {
    listed.add(event.detail);
    renderList();
  });
  client.addEventListener("connected", refreshList);
  if (client.selected) select(client.selected); else renderList();
  client.start();
}
