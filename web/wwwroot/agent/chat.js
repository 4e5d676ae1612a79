// The agent desktop: the agent's profile, and the chat: take over a conversation by its number, the agent's
// conversations, and the chat pane. The chat card and its wiring live in /js/chat/page.js; connection, resume and
// retries in /js/chat/client.js and the modules beside it.
import { errorText } from "/js/chat/hub-errors.js";
import { mountChatPage, showProfile } from "/js/chat/page.js";
import { t } from "/js/i18n.js";

showProfile("/api/me/", me => t("agent.profile", {
  name: me.displayName, team: me.team ?? t("agent.noTeam"), skills: me.skills.join(", "),
}));

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const chat = mountChatPage({
  title: t("agent.chatTitle"),
  startForm: `
    <form id="join-form" class="chat-start">
      <label for="join-id" data-i18n="agent.joinLabel"></label>
      <input id="join-id" name="conversationId" data-i18n-placeholder="agent.joinPlaceholder" autocomplete="off" spellcheck="false" size="38">
      <button type="submit" data-i18n="agent.join"></button>
      <span id="join-error" class="error" role="alert"></span>
    </form>`,
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
  const { client, listed, select } = chat;
  const joinForm = document.getElementById("join-form");
  const joinInput = document.getElementById("join-id");
  const joinError = document.getElementById("join-error");
  joinForm.addEventListener("submit", async event => {
    event.preventDefault();
    joinError.textContent = "";
    const id = joinInput.value.trim().toLowerCase();
    if (!GUID.test(id)) {
      joinError.textContent = t("agent.invalidId");
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
}
