// The portal: the insured's master data, and the chat widget: start a chat on a topic, the insured's conversations
// (history when the portal is opened again), and the chat pane. The chat card and its wiring live in
// /js/chat/page.js; connection, resume and retries in /js/chat/client.js and the modules beside it. The place in line
// comes from /js/chat/queue-position.js; service hours and the callback form from ./service-hours.js.
import { errorCode, errorText } from "/js/chat/hub-errors.js";
import { newId } from "/js/chat/ids.js";
import { TOPICS, topicText } from "/js/chat/labels.js";
import { setFormProposalLink } from "/js/chat/form-proposal.js";
import { mountChatPage, showProfile } from "/js/chat/page.js";
import { showQueuePosition } from "/js/chat/queue-position.js";
import { locale, t } from "/js/i18n.js";
import { bindServiceHours, CALLBACK_MARKUP } from "./service-hours.js";

showProfile("/api/me/profile", p => t("portal.profile", {
  givenName: p.givenName, familyName: p.familyName, birthDate: new Date(p.birthDate).toLocaleDateString(locale),
}));

// A form an agent proposes in the chat opens on the forms page.
setFormProposalLink(sessionId => `/portal/forms.html?session=${encodeURIComponent(sessionId)}`);

// Older servers lack ListConversations: the conversations started in this tab remain.
const chat = mountChatPage({
  title: t("portal.chatTitle"),
  inputLabel: t("portal.inputLabel"),
  startForm: `
    <form id="chat-start" class="chat-start">
      <label for="chat-topic-select" data-i18n="portal.topicLabel"></label>
      <select id="chat-topic-select"></select>
      <button type="submit" data-i18n="portal.start"></button>
      <span id="chat-start-error" class="error" role="alert"></span>
    </form>${CALLBACK_MARKUP}`,
  hub: "/hubs/customer",
  signedOutText: t("portal.signedOut"),
  remembered: "started",
  errorId: "chat-start-error",
});

const startForm = document.getElementById("chat-start");
const topicSelect = document.getElementById("chat-topic-select");
const startError = document.getElementById("chat-start-error");
// The value goes to the server as it is; the label is in the page's language.
for (const topic of TOPICS) topicSelect.append(new Option(topicText(topic), topic));

if (chat) {
  const { client, listed, select } = chat;
  const serviceHours = bindServiceHours(client);
  showQueuePosition(client, document.getElementById("chat-pane"));
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
      // Closed meanwhile: the page shows the message and the callback form instead.
      if (errorCode(error) === "OUTSIDE_SERVICE_HOURS") {
        listed.delete(id);
        client.forget("started", id);
        await serviceHours.closed();
      }
    } finally {
      button.disabled = false;
    }
  });
}
