// The unsent messages of the page: every message carries a client message id (newId()) and is sent, one after
// another in the order written, with the SAME id until the server acknowledges it; the server stores a retried id
// once. Unsent messages survive a page reload (the conversation's storage), attachments only while the page lives:
// the file is kept in memory, so after a reload an unsent attachment has to be chosen again.
// Attachments (PDF, JPEG, PNG, at most 10 MB) go over HTTP (POST /api/conversations/{id}/attachments) in the same queue.
import { t } from "/js/i18n.js";
import { errorCode, errorText, isRetryable, mayRetryMessage } from "./hub-errors.js";
import { HttpProblem, postForm } from "./http.js";
import { newId } from "./ids.js";
import { delay, retryDelay } from "./retry.js";

const byCreation = (a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);

export class Outbox {
  #link;
  #chat;
  #pumping = new Set();
  #unavailableAttempts = new Map();
  // clientMessageId -> File of attachments not yet acknowledged (memory only: files do not fit in sessionStorage).
  #files = new Map();

  /** chat: { conversation(id), changed(id), persist(id), resume(id) } of the ChatClient. */
  constructor(link, chat) {
    this.#link = link;
    this.#chat = chat;
  }

  /** Queues a message (a file with an optional caption, or text alone); returns its client message id. */
  add(conversation, text, file) {
    const clientMessageId = newId();
    if (file) this.#files.set(clientMessageId, file);
    conversation.pending.set(clientMessageId, {
      clientMessageId, text: file && !text?.trim() ? "" : text, status: "pending", seq: null, error: null,
      createdAt: new Date().toISOString(),
      ...(file ? { attachment: { fileName: file.name, contentType: file.type || null, size: file.size } } : {}),
    });
    // Stored before anything goes on the wire: a reload right now still sends it.
    this.#chat.persist(conversation.id);
    this.#chat.changed(conversation.id);
    this.pump(conversation.id);
    return clientMessageId;
  }

  /** Sends a failed message again (same client message id). */
  retry(conversation, clientMessageId) {
    const p = conversation.pending.get(clientMessageId);
    if (!p || (p.attachment && !this.#files.has(clientMessageId))) return;
    p.status = "pending";
    p.error = null;
    this.#chat.changed(conversation.id);
    this.pump(conversation.id);
  }

  /** Removes a failed message from the queue (e.g. a refused attachment). */
  discard(conversation, clientMessageId) {
    const p = conversation.pending.get(clientMessageId);
    if (!p || p.status !== "failed") return;
    conversation.pending.delete(clientMessageId);
    this.#files.delete(clientMessageId);
    this.#chat.persist(conversation.id);
    this.#chat.changed(conversation.id);
  }

  /** Sends the pending messages of a conversation one after another, in the order they were written. */
  async pump(id) {
    if (this.#pumping.has(id)) return;
    this.#pumping.add(id);
    const conversation = this.#chat.conversation(id);
    let retryIn = null;
    try {
      for (;;) {
        const next = [...conversation.pending.values()].filter(p => p.status === "pending").sort(byCreation)[0];
        if (!next || !this.#link.connected) break;
        if (next.attachment && !this.#files.has(next.clientMessageId)) {
          // Queued before a page reload: the file is gone with the old page.
          this.#fail(id, next, t("chat.fileLost"), false);
          continue;
        }
        try {
          this.#acknowledged(conversation, next, next.attachment
            ? await this.#upload(id, next)
            : await this.#link.invoke("SendMessage", id, next.clientMessageId, next.text));
        } catch (error) {
          retryIn = await this.#failed(id, next, error);
          if (retryIn !== null) break;
        }
      }
    } finally {
      this.#pumping.delete(id);
    }
    if (retryIn !== null) setTimeout(() => this.pump(id), retryIn);
  }

  #acknowledged(conversation, p, ack) {
    this.#unavailableAttempts.delete(conversation.id);
    p.status = "sent";
    p.retrying = false;
    this.#files.delete(p.clientMessageId);
    p.seq = ack.seq;
    // The ack carries the stored event; the push leaves out the connection that wrote it.
    if (ack.event) conversation.add([ack.event]);
    conversation.settle();
    this.#chat.changed(conversation.id);
    // The ack came before the event: make sure nothing before it is missing.
    if (ack.seq > conversation.lastSeq + 1) this.#chat.resume(conversation.id);
  }

  /** Handles a failed send: null to go on with the queue, else the delay before the queue is tried again. */
  async #failed(id, p, error) {
    if (error instanceof HttpProblem) {
      // Busy or a transient server failure: retry with the same id.
      if (error.status === 429 || error.status === 408 || error.status >= 500) return 2000;
      // The same bytes would be refused again (wrong type, too large); other refusals may pass later.
      this.#fail(id, p, error.message, ![413, 415].includes(error.status) && !/^ATTACHMENT_/.test(error.code ?? ""));
      return null;
    }
    const code = errorCode(error);
    if (isRetryable(error)) {
      // A silo is down for a moment: still pending, tried again with the same id after a growing pause.
      const attempt = (this.#unavailableAttempts.get(id) ?? 0) + 1;
      this.#unavailableAttempts.set(id, attempt);
      p.retrying = true;
      this.#chat.changed(id);
      return retryDelay(attempt);
    }
    if (code === "RATE_LIMITED") {
      await delay(1000);
      return null;
    }
    if (code) {
      this.#fail(id, p, errorText(error), mayRetryMessage(error));
      return null;
    }
    // Connection lost (the reconnect pumps again) or a transient server failure: retry, same id.
    return this.#link.connected ? 2000 : null;
  }

  #fail(id, p, reason, retryable) {
    p.status = "failed";
    p.retrying = false;
    p.error = reason;
    p.retryable = retryable;
    this.#chat.changed(id);
  }

  /** POSTs one queued attachment; the ack, or throws (HttpProblem for a refusal, TypeError for the network). */
  #upload(id, p) {
    const file = this.#files.get(p.clientMessageId);
    const form = new FormData();
    form.append("clientMessageId", p.clientMessageId);
    if (p.text) form.append("text", p.text);
    form.append("file", file, p.attachment?.fileName ?? file.name);
    return postForm(`/api/conversations/${encodeURIComponent(id)}/attachments`, form);
  }
}
