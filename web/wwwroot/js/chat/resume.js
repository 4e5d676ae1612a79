// Resume: fetches a conversation's events after lastSeq (Resume(conversationId, lastSeq), paged until an empty batch),
// after every (re)connect and whenever a hole shows that a push was lost on the way.
import { errorCode, errorText, isConversationGone } from "./hub-errors.js";

export class Resumer {
  #link;
  #chat;
  #running = new Map();

  /** chat: { conversation(id), changed(id), vanished(id) } of the ChatClient. */
  constructor(link, chat) {
    this.#link = link;
    this.#chat = chat;
  }

  /** Resumes one conversation; concurrent calls for one conversation run one after another. */
  resume(id) {
    const running = this.#running.get(id);
    if (running) {
      running.again = true;
      return running.promise;
    }
    const entry = { again: false, promise: null };
    entry.promise = (async () => {
      try {
        do {
          entry.again = false;
          await this.#resumeOnce(id);
        } while (entry.again && this.#link.connected);
      } finally {
        this.#running.delete(id);
      }
    })();
    this.#running.set(id, entry);
    return entry.promise;
  }

  async #resumeOnce(id) {
    const conversation = this.#chat.conversation(id);
    let after = conversation.lastSeq;
    try {
      for (;;) {
        const batch = await this.#link.invoke("Resume", id, after);
        if (!batch || batch.length === 0) break;
        conversation.add(batch);
        after = Math.max(after, ...batch.map(e => e.seq));
      }
      conversation.error = null;
    } catch (error) {
      // Gone from the server (the embedded default forgets everything at a restart): the page forgets it too.
      if (isConversationGone(error)) {
        this.#chat.vanished(id);
        return;
      }
      // A connection failure is retried by the next reconnect; a refusal is shown.
      if (errorCode(error)) conversation.error = errorText(error);
    }
    this.#chat.changed(id);
  }
}
