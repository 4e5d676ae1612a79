// Opening a conversation by its number at the agent desktop (for a supervisor, or a number handed over by a
// colleague): the form of the chat card. Everyday work comes through the inbox instead, without typing any id.
import { t } from "/js/i18n.js";
import { errorText } from "/js/chat/hub-errors.js";

export const JOIN_FORM = `
    <form id="join-form" class="chat-start">
      <label for="join-id" data-i18n="agent.joinLabel"></label>
      <input id="join-id" name="conversationId" data-i18n-placeholder="agent.joinPlaceholder" autocomplete="off" spellcheck="false" size="38">
      <button type="submit" data-i18n="agent.join"></button>
      <span id="join-error" class="error" role="alert"></span>
    </form>`;

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opens a conversation in the chat pane: read it if the agent takes part already, else join it (audited). */
export async function openConversation({ client, listed, select }, id) {
  id = id.toLowerCase();
  let view;
  try {
    view = await client.invoke("GetConversation", id);
  } catch {
    view = await client.invokeReliably("JoinConversation", id);
  }
  client.applyViews([view]);
  client.remember("joined", id);
  listed.add(id);
  select(id);
}

/** Wires the form of JOIN_FORM to the chat page (see mountChatPage). */
export function bindJoinForm(chat) {
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
      chat.client.applyViews([await chat.client.invokeReliably("JoinConversation", id)]);
      chat.client.remember("joined", id);
      chat.listed.add(id);
      joinInput.value = "";
      chat.select(id);
    } catch (error) {
      joinError.textContent = errorText(error);
    } finally {
      button.disabled = false;
    }
  });
}
