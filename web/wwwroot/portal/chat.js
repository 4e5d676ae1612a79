// The portal: the insured's master data, and the chat widget: start a chat on a topic, the insured's conversations
// (history when the portal is opened again), and the chat pane. The chat card and its wiring live in
// /js/chat-pane.js; connection, resume and retries in /js/chat-client.js.
import { TOPICS, errorText, newId } from "/js/chat-client.js";
import { mountChatPage, showProfile } from "/js/chat-pane.js";

showProfile("/api/me/profile", p => `${p.givenName} ${p.familyName}, geboren am ${new Date(p.birthDate).toLocaleDateString("de-DE")}`);

// Older servers lack ListConversations: the conversations started in this tab remain.
const chat = mountChatPage({
  title: "Chat mit Ihrer Krankenkasse",
  inputLabel: "Ihre Nachricht",
  startForm: `
    <form id="chat-start" class="chat-start">
      <label for="chat-topic-select">Worum geht es?</label>
      <select id="chat-topic-select"></select>
      <button type="submit">Chat starten</button>
      <span id="chat-start-error" class="error" role="alert"></span>
    </form>`,
  hub: "/hubs/customer",
  signedOutText: "Bitte melden Sie sich an, um zu chatten.",
  remembered: "started",
  errorId: "chat-start-error",
});

const startForm = document.getElementById("chat-start");
const topicSelect = document.getElementById("chat-topic-select");
const startError = document.getElementById("chat-start-error");
for (const topic of TOPICS) topicSelect.append(new Option(topic, topic));

if (chat) {
  const { client, listed, select } = chat;
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
}
