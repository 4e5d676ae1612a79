// The chat card of the portal and the agent desktop: constant markup (texts by data-i18n keys, user text only ever
// as textContent) and the connection status beside its title.
import { applyTexts } from "/js/i18n.js";
import { statusText } from "./labels.js";

/**
 * The chat card of both pages around the page's start form: title with connection status, then the conversation list
 * and the pane. Only constant markup; its texts come from the data-i18n keys, the page's texts are set as text.
 */
const CARD_TITLE_MARKUP = `
  <div class="chat-title">
    <h2></h2>
    <span id="chat-connection" class="chat-connection" role="status" data-i18n="chat.connection.connecting"></span>
  </div>`;
const CARD_LAYOUT_MARKUP = `
  <div class="chat-layout">
    <nav class="chat-sidebar" data-i18n-aria-label="chat.myConversations">
      <h3 data-i18n="chat.myConversations"></h3>
      <ul id="chat-list" class="chat-list"></ul>
    </nav>
    <div id="chat-pane" class="chat-pane" hidden>
      <div class="chat-head">
        <h3 id="chat-topic"></h3>
        <span class="chat-state"><span data-i18n="chat.stateLabel"></span> <strong id="chat-state"></strong></span>
        <button id="chat-transcript" type="button" class="secondary chat-transcript" data-i18n="chat.transcript"></button>
      </div>
      <p class="chat-number"><span data-i18n="chat.number"></span> <code id="chat-id"></code></p>
      <ol id="chat-messages" class="chat-messages" aria-live="polite" data-i18n-aria-label="chat.messages"></ol>
      <p id="chat-typing" class="chat-typing" hidden></p>
      <p id="chat-error" class="error" role="alert"></p>
      <form id="chat-form" class="chat-form">
        <label for="chat-input"></label>
        <textarea id="chat-input" rows="3" maxlength="4000" data-i18n-placeholder="chat.placeholder"></textarea>
        <div class="chat-attach">
          <input id="chat-file" class="chat-file-input" type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png">
          <label for="chat-file" class="chat-attach-button" data-i18n="chat.attach"></label>
          <span id="chat-file-chosen" class="chat-file-chosen" hidden></span>
          <button id="chat-file-remove" type="button" class="secondary chat-file-remove" hidden data-i18n="chat.removeAttachment"></button>
          <span class="chat-attach-hint" data-i18n="chat.attachHint"></span>
        </div>
        <p id="chat-file-error" class="error chat-file-error" role="alert"></p>
        <div class="chat-form-row">
          <span id="chat-counter" class="chat-counter"></span>
          <button id="chat-close" type="button" class="secondary" data-i18n="chat.close"></button>
          <button id="chat-send" type="submit" data-i18n="chat.send"></button>
        </div>
      </form>
    </div>
  </div>`;

/**
 * Renders the chat card into the page's (empty) card element: the title (#chat-connection beside it), the page's
 * start form (constant markup of the page, a form.chat-start, texts by data-i18n keys), the list (#chat-list) and the
 * pane (#chat-pane, see createChatPane) whose send box is labelled inputLabel.
 */
export function renderChatCard(card, { title, startForm, inputLabel }) {
  card.innerHTML = CARD_TITLE_MARKUP + startForm + CARD_LAYOUT_MARKUP;
  applyTexts(card);
  card.querySelector(".chat-title h2").textContent = title;
  card.querySelector("label[for='chat-input']").textContent = inputLabel;
}

/** Shows the connection status of a client in an element (text and data-status). */
export function bindConnectionStatus(element, client) {
  const show = () => {
    element.textContent = statusText(client.status);
    element.dataset.status = client.status;
  };
  client.addEventListener("status", show);
  show();
}
