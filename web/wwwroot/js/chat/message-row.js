// One row of the chat pane: a message (own or someone else's, with its attachment and its status: pending, retrying,
// sent, read, failed with retry and discard), a note (started, joined, left, closed) or a proposed form (form-proposal.js).
import { t } from "/js/i18n.js";
import { describeAttachment } from "./attachments.js";
import { downloadFrom, element, timeFormat } from "./dom.js";
import { renderFormProposal } from "./form-proposal.js";
import { downloadAttachment } from "./http.js";
import { topicText } from "./labels.js";

function noteText(item) {
  switch (item.kind) {
    case "Started": return t("chat.note.started", { topic: topicText(item.text) });
    case "AgentJoined": return t("chat.note.joined", { name: item.senderName });
    case "AgentLeft": return t("chat.note.left", { name: item.senderName });
    case "Closed": return item.mine ? t("chat.note.closedByMe") : t("chat.note.closedBy", { name: item.senderName });
    default: return item.text;
  }
}

/** The file of a message: a download button once the server has it, plain text while it is on its way. */
function attachmentElement(item, { conversationId, fileError }) {
  const label = describeAttachment(item.attachment);
  if (!item.attachment.attachmentId) return element("div", "chat-attachment pending", label);
  const button = element("button", "chat-attachment", label);
  button.type = "button";
  button.title = t("chat.download", { file: item.attachment.fileName });
  button.dataset.attachmentId = item.attachment.attachmentId;
  button.addEventListener("click", () =>
    downloadFrom(button, fileError, () => downloadAttachment(conversationId, item.attachment)));
  return button;
}

function statusLabel(item) {
  if (item.status === "failed" && item.error) return t("chat.message.failedBecause", { reason: item.error });
  // A silo was down for a moment (UNAVAILABLE): still on its way, tried again with the same id.
  if (item.status === "pending" && item.retrying) return t("chat.message.retrying");
  return t(`chat.message.${item.status}`);
}

function button(className, text, onClick) {
  const b = element("button", className, text);
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
}

/**
 * Renders an item of Conversation.items() into its row (an <li>). context: { conversationId, client, fileError }:
 * the conversation shown, the ChatClient (retry, discard) and where a failed download is reported.
 */
export function renderRow(row, item, context) {
  const { conversationId, client } = context;
  row.className = `chat-message ${item.kind === "Message" ? (item.mine ? "mine" : "theirs") : "note"}`;
  row.dataset.kind = item.kind;
  if (item.seq) row.dataset.seq = String(item.seq); else delete row.dataset.seq;
  if (item.clientMessageId) row.dataset.clientId = item.clientMessageId; else delete row.dataset.clientId;
  if (item.status) row.dataset.status = item.status; else delete row.dataset.status;
  row.replaceChildren();
  if (item.kind === "FormProposed") {
    renderFormProposal(row, item);
    return;
  }
  if (item.kind !== "Message") {
    row.className = "chat-note";
    row.append(element("span", "chat-note-text", noteText(item)));
    return;
  }
  row.append(element("div", "chat-sender", item.mine ? t("chat.you") : item.senderName ?? ""));
  if (item.attachment) {
    row.classList.add("has-attachment");
    row.append(attachmentElement(item, context));
    if (item.text) row.append(element("div", "chat-text", item.text));
  } else {
    row.append(element("div", "chat-text", item.text));
  }
  const meta = element("div", "chat-meta");
  if (item.at) meta.append(element("time", null, timeFormat.format(new Date(item.at))));
  if (item.status) {
    meta.append(element("span", "chat-status", statusLabel(item)));
    if (item.status === "failed" && item.retryable !== false)
      meta.append(button("chat-retry", t("chat.retry"), () => client.retry(conversationId, item.clientMessageId)));
    // A refused file, or a message that can never pass: the user takes it out of the queue.
    if (item.status === "failed" && (item.attachment || item.retryable === false))
      meta.append(button("chat-discard", t("chat.discard"), () => client.discard(conversationId, item.clientMessageId)));
  }
  row.append(meta);
}
