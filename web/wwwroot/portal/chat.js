// The portal's chat widget: start a chat on a topic, the insured's conversations (history when the portal is opened
// again), and the chat pane. Connection, resume and retries live in /js/chat-client.js.
import { currentSession } from "/js/session.js";
import { ChatClient, TOPICS, errorText, isMissingMethod, newId } from "/js/chat-client.js";
import { bindConnectionStatus, createChatPane, renderConversationList } from "/js/chat-pane.js";

const startForm = document.getElementById("chat-start");
const topicSelect = document.getElementById("chat-topic-select");
const startError = document.getElementById("chat-start-error");
const list = document.getElementById("chat-list");
const connection = document.getElementById("chat-connection");

for (const topic of TOPICS) topicSelect.append(new Option(topic, topic));

if (!currentSession()) {
  connection.textContent = "Bitte melden Sie sich an, um zu chatten.";
  connection.dataset.status = "signed-out";
  startForm.hidden = true;
} else {
  const client = new ChatClient("/hubs/customer");
  const pane = createChatPane(document.getElementById("chat-pane"), client);
  bindConnectionStatus(connection, client);
  // Conversations to list: those the server lists plus those started in this tab (until the list has them).
  const listed = new Set(client.remembered("started"));

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
      // Older servers lack ListConversations: the conversations started in this tab remain.
      if (!isMissingMethod(error)) startError.textContent = errorText(error);
    }
    renderList();
  }

  startForm.addEventListener("submit", async event => {
    event.preventDefault();
    startError.textContent = "";
    const button = startForm.querySelector("button");
    button.disabled = true;
    // The client chooses the id: a start retried after a lost answer opens the same conversation.
    const id = newId();
    client.remember("started", id);
    listed.add(id);
    try {
      client.applyViews([await client.invokeReliably("StartConversation", id, topicSelect.value, null)]);
      select(id);
    } catch (error) {
      startError.textContent = errorText(error);
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
