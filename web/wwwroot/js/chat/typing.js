// "… schreibt": notices that someone else is typing (shown for a few seconds), and this user's own notices, sent at
// most every 2.5 s. Best effort: a lost notice only hides the indicator.
export const TYPING_VISIBLE_MS = 5000;
const TYPING_SEND_INTERVAL_MS = 2500;

export class TypingNotices {
  #link;
  #lastSent = new Map();

  constructor(link) {
    this.#link = link;
  }

  /** Tells the others that this user is typing in a conversation. */
  send(id) {
    const now = Date.now();
    if (!this.#link.connected || now - (this.#lastSent.get(id) ?? 0) < TYPING_SEND_INTERVAL_MS) return;
    this.#lastSent.set(id, now);
    this.#link.invoke("Typing", id).catch(() => { /* best effort */ });
  }

  /** Shows a notice on its conversation; changed() is called when it appears and again when it has run out. */
  receive(conversation, notice, changed) {
    conversation.typing = { name: notice.displayName, until: Date.now() + TYPING_VISIBLE_MS };
    changed();
    setTimeout(() => {
      if (conversation.typing && conversation.typing.until <= Date.now()) {
        conversation.typing = null;
        changed();
      }
    }, TYPING_VISIBLE_MS + 50);
  }
}
