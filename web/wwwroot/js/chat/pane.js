// The chat pane: topic, conversation number, state, messages (message-row.js), typing indicator, send box with
// counter and attachment, close button and transcript download, bound to a ChatClient.
import { t } from "/js/i18n.js";
import { ATTACHMENT_ACCEPT, checkAttachment, describeAttachment } from "./attachments.js";
import { MAX_MESSAGE_LENGTH } from "./client.js";
import { downloadFrom } from "./dom.js";
import { downloadTranscript } from "./http.js";
import { errorText } from "./hub-errors.js";
import { stateText, topicText } from "./labels.js";
import { renderRow } from "./message-row.js";

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
        item.kind, item.seq, item.text, item.status, item.error, item.senderName, item.at, item.attachment, item.retryable,
        item.retrying]);
      if (row.dataset.signature !== signature) {
        renderRow(row, item, { conversationId: current, client, fileError });
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
    if (current) input.focus();
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
    downloadFrom(transcriptButton, fileError, () => downloadTranscript(id));
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
