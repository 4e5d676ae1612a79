// The chat of the portal and the agent desktop: renders the conversation list and the pane into a page (see
// portal/index.html and agent/index.html), binds them to a ChatClient and wires the page (mountChatPage).
// User text goes into the DOM only through textContent, never as HTML.
import { applyTexts, locale, t } from "/js/i18n.js";
import { apiGet, currentSession, showUser } from "/js/session.js";
import {
  ATTACHMENT_ACCEPT, ChatClient, MAX_MESSAGE_LENGTH, checkAttachment, describeAttachment, errorText, isMissingMethod,
  stateText, statusText, topicText,
} from "/js/chat-client.js";

const timeFormat = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" });
const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });

export function formatDateTime(value) {
  return value ? dateTimeFormat.format(new Date(value)) : "";
}

function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Saves a downloaded blob under its file name: an object URL and a temporary <a download>. The page never navigates to
 * an API address itself, because such a request would carry no bearer token.
 */
export function saveBlob(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName || "Download";
  link.rel = "noopener";
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: revoking at once can cancel the download that has just started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Runs a download from a button: busy while it runs, the reason in errorElement when it fails. */
async function downloadFrom(button, errorElement, fetchFile) {
  if (button.getAttribute("aria-busy") === "true") return;
  button.setAttribute("aria-busy", "true");
  button.disabled = true;
  if (errorElement) errorElement.textContent = "";
  try {
    const { blob, fileName } = await fetchFile();
    saveBlob(blob, fileName);
  } catch (e) {
    if (errorElement) {
      errorElement.textContent = e?.status ? t("chat.downloadFailed", { reason: e.message }) : t("chat.downloadOffline");
    }
  } finally {
    button.removeAttribute("aria-busy");
    button.disabled = false;
  }
}

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

function noteText(item) {
  switch (item.kind) {
    case "Started": return t("chat.note.started", { topic: topicText(item.text) });
    case "AgentJoined": return t("chat.note.joined", { name: item.senderName });
    case "Closed": return item.mine ? t("chat.note.closedByMe") : t("chat.note.closedBy", { name: item.senderName });
    default: return item.text;
  }
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

/**
 * The pane: topic, conversation number, state, messages, typing indicator, send box with counter, close button.
 * Expects inside root: #chat-topic, #chat-id, #chat-state, #chat-messages, #chat-typing, #chat-form, #chat-input,
 * #chat-counter, #chat-send, #chat-close, #chat-error; optionally #chat-file (input type=file), #chat-file-chosen,
 * #chat-file-remove and #chat-file-error for attachments, and #chat-transcript for the PDF transcript.
 */
export function createChatPane(root, client) {
  const $ = id => root.querySelector(`#${id}`);
  const topic = $("chat-topic"), number = $("chat-id"), state = $("chat-state"), list = $("chat-messages");
  const typing = $("chat-typing"), form = $("chat-form"), input = $("chat-input"), counter = $("chat-counter");
  const sendButton = $("chat-send"), closeButton = $("chat-close"), error = $("chat-error");
  const fileInput = $("chat-file"), fileChosen = $("chat-file-chosen"), fileRemove = $("chat-file-remove");
  const fileError = $("chat-file-error"), transcriptButton = $("chat-transcript");
  const rows = new Map();
  let current = null;
  let chosenFile = null;

  input.maxLength = MAX_MESSAGE_LENGTH;
  if (fileInput) fileInput.accept = ATTACHMENT_ACCEPT;

  function showFileError(text) {
    if (fileError) fileError.textContent = text ?? "";
  }

  /** The file chosen for the next message (checked: at most 10 MB, PDF/JPEG/PNG by name), shown above the send box. */
  function chooseFile(file) {
    chosenFile = null;
    showFileError("");
    if (file) {
      const problem = checkAttachment(file);
      if (problem) showFileError(t("chat.cannotAttach", { file: file.name, reason: problem }));
      else chosenFile = file;
    }
    if (fileInput && !chosenFile) fileInput.value = "";
    if (fileChosen) {
      fileChosen.textContent = chosenFile
        ? t("chat.chosenFile", { file: describeAttachment({ fileName: chosenFile.name, contentType: chosenFile.type, size: chosenFile.size }) })
        : "";
      fileChosen.hidden = !chosenFile;
    }
    if (fileRemove) fileRemove.hidden = !chosenFile;
    updateSendBox();
  }

  function updateSendBox() {
    const conversation = current && client.conversation(current);
    const closed = conversation?.state === "Closed";
    counter.textContent = t("chat.counter", { count: input.value.length, max: MAX_MESSAGE_LENGTH });
    counter.classList.toggle("error", input.value.length >= MAX_MESSAGE_LENGTH);
    input.disabled = !current || closed;
    sendButton.disabled = !current || closed || (input.value.trim().length === 0 && !chosenFile);
    closeButton.disabled = !current || closed;
    if (fileInput) fileInput.disabled = !current || closed;
    if (transcriptButton && transcriptButton.getAttribute("aria-busy") !== "true") transcriptButton.disabled = !current;
  }

  /** The file of a message: a download button once the server has it, plain text while it is on its way. */
  function attachmentElement(item) {
    const label = describeAttachment(item.attachment);
    if (!item.attachment.attachmentId) return element("div", "chat-attachment pending", label);
    const button = element("button", "chat-attachment", label);
    button.type = "button";
    button.title = t("chat.download", { file: item.attachment.fileName });
    button.dataset.attachmentId = item.attachment.attachmentId;
    const conversationId = current;
    button.addEventListener("click", () =>
      downloadFrom(button, fileError, () => client.downloadAttachment(conversationId, item.attachment)));
    return button;
  }

  function renderRow(row, item) {
    row.className = `chat-message ${item.kind === "Message" ? (item.mine ? "mine" : "theirs") : "note"}`;
    row.dataset.kind = item.kind;
    if (item.seq) row.dataset.seq = String(item.seq); else delete row.dataset.seq;
    if (item.clientMessageId) row.dataset.clientId = item.clientMessageId; else delete row.dataset.clientId;
    if (item.status) row.dataset.status = item.status; else delete row.dataset.status;
    row.replaceChildren();
    if (item.kind !== "Message") {
      row.className = "chat-note";
      row.append(element("span", "chat-note-text", noteText(item)));
      return;
    }
    row.append(element("div", "chat-sender", item.mine ? t("chat.you") : item.senderName ?? ""));
    if (item.attachment) {
      row.classList.add("has-attachment");
      row.append(attachmentElement(item));
      if (item.text) row.append(element("div", "chat-text", item.text));
    } else {
      row.append(element("div", "chat-text", item.text));
    }
    const meta = element("div", "chat-meta");
    if (item.at) meta.append(element("time", null, timeFormat.format(new Date(item.at))));
    if (item.status) {
      const label = item.status === "failed" && item.error
        ? t("chat.message.failedBecause", { reason: item.error })
        : t(`chat.message.${item.status}`);
      meta.append(element("span", "chat-status", label));
      if (item.status === "failed" && item.retryable !== false) {
        const again = element("button", "chat-retry", t("chat.retry"));
        again.type = "button";
        again.addEventListener("click", () => client.retry(current, item.clientMessageId));
        meta.append(again);
      }
      if (item.status === "failed" && item.attachment) {
        const discard = element("button", "chat-discard", t("chat.discard"));
        discard.type = "button";
        discard.addEventListener("click", () => client.discard(current, item.clientMessageId));
        meta.append(discard);
      }
    }
    row.append(meta);
  }

  function render() {
    if (!current) {
      root.hidden = true;
      return;
    }
    root.hidden = false;
    const conversation = client.conversation(current);
    topic.textContent = conversation.topic ? topicText(conversation.topic) : t("chat.conversation");
    number.textContent = conversation.id;
    number.dataset.conversationId = conversation.id;
    root.dataset.conversationId = conversation.id;
    state.textContent = stateText(conversation.state);
    state.dataset.state = conversation.state;
    error.textContent = conversation.error ?? "";

    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    const items = conversation.items();
    const keep = new Set();
    let previous = null;
    for (const item of items) {
      keep.add(item.key);
      let row = rows.get(item.key);
      if (!row) {
        row = document.createElement("li");
        rows.set(item.key, row);
      }
      const signature = JSON.stringify([
        item.kind, item.seq, item.text, item.status, item.error, item.senderName, item.at, item.attachment, item.retryable]);
      if (row.dataset.signature !== signature) {
        renderRow(row, item);
        row.dataset.signature = signature;
      }
      const expectedNext = previous ? previous.nextSibling : list.firstChild;
      if (expectedNext !== row) list.insertBefore(row, expectedNext);
      previous = row;
    }
    for (const [key, row] of rows) {
      if (!keep.has(key)) {
        row.remove();
        rows.delete(key);
      }
    }
    if (atBottom) list.scrollTop = list.scrollHeight;
    renderTyping();
    updateSendBox();
    if (document.visibilityState === "visible") client.markRead(current);
  }

  function renderTyping() {
    const conversation = current && client.conversation(current);
    const who = conversation?.typing && conversation.typing.until > Date.now() ? conversation.typing.name : null;
    typing.textContent = who ? t("chat.typing", { name: who }) : "";
    typing.hidden = !who;
  }

  function show(id) {
    if (current !== id) {
      current = id;
      rows.clear();
      list.replaceChildren();
      input.value = "";
      chooseFile(null);
    }
    render();
    input.focus();
  }

  function submit() {
    const text = input.value;
    if (!current) return;
    if (chosenFile) {
      // The text goes with the file as its caption.
      client.sendAttachment(current, chosenFile, text);
      chooseFile(null);
    } else if (text.trim().length > 0) {
      client.send(current, text);
    } else {
      return;
    }
    input.value = "";
    updateSendBox();
  }

  form.addEventListener("submit", event => {
    event.preventDefault();
    submit();
  });
  input.addEventListener("keydown", event => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  input.addEventListener("input", () => {
    updateSendBox();
    if (current && input.value.length > 0) client.typing(current);
  });
  fileInput?.addEventListener("change", () => chooseFile(fileInput.files?.[0] ?? null));
  fileRemove?.addEventListener("click", () => {
    chooseFile(null);
    input.focus();
  });
  transcriptButton?.addEventListener("click", () => {
    if (!current) return;
    const id = current;
    downloadFrom(transcriptButton, fileError, () => client.downloadTranscript(id));
  });
  closeButton.addEventListener("click", async () => {
    if (!current || !confirm(t("chat.closeConfirm"))) return;
    const id = current;
    try {
      client.applyViews([await client.invokeReliably("CloseConversation", id)]);
    } catch (e) {
      error.textContent = errorText(e);
    }
  });
  client.addEventListener("change", event => { if (event.detail === current) render(); });
  client.addEventListener("typing", event => { if (event.detail === current) renderTyping(); });
  document.addEventListener("visibilitychange", () => { if (current && document.visibilityState === "visible") client.markRead(current); });
  render();
  updateSendBox();

  return { show, render, get current() { return current; } };
}

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
    content.textContent = t("common.loadError", { message: error.message });
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
  client.addEventListener("connected", refreshList);
  if (client.selected) select(client.selected); else renderList();
  client.start();
  return { client, listed, select };
}
