// One conversation as this page knows it. Events are kept in a Map by seq, so an event that arrives both live and by
// Resume collapses into one; everything is shown in seq order. lastSeq is the highest seq up to which nothing is
// missing. Unsent messages (pending) are keyed by their client message id until their event arrives.

/** One conversation as this page knows it: the view, the events by seq, the unsent messages, who is typing. */
export class Conversation {
  constructor(id, me, stored) {
    this.id = id;
    this.me = me;
    this.view = stored?.view ?? null;
    this.events = new Map((stored?.events ?? []).map(e => [e.seq, e]));
    this.lastSeq = 0;
    // clientMessageId -> { clientMessageId, text, status: "pending" | "sent" | "failed", seq, error, createdAt,
    //                     attachment: { fileName, contentType, size } | null, retryable, retrying (UNAVAILABLE) }
    this.pending = new Map((stored?.pending ?? []).map(p => [p.clientMessageId, p]));
    this.typing = null; // { name, until }
    this.error = null;
    this.readUpTo = 0;
    this.advance();
    this.settle();
  }

  /** Adds events from the server; returns true when something new arrived. */
  add(events) {
    let changed = false;
    for (const e of events) {
      if (!e || e.conversationId?.toLowerCase() !== this.id || this.events.has(e.seq)) continue;
      this.events.set(e.seq, e);
      changed = true;
      if (e.kind === "Read" && e.senderId === this.me) this.readUpTo = Math.max(this.readUpTo, Number(e.text) || 0);
    }
    if (changed) {
      this.advance();
      this.settle();
    }
    return changed;
  }

  /** lastSeq = the highest seq such that every event up to it is here. */
  advance() {
    while (this.events.has(this.lastSeq + 1)) this.lastSeq++;
  }

  maxSeq() {
    let max = this.lastSeq;
    for (const seq of this.events.keys()) if (seq > max) max = seq;
    return max;
  }

  hasGap() {
    return this.maxSeq() > this.lastSeq;
  }

  /** An unsent message whose event has arrived is no longer pending: the event is the truth. */
  settle() {
    if (this.pending.size === 0) return;
    for (const e of this.events.values()) {
      if (e.kind === "Message" && e.senderId === this.me && e.clientMessageId && this.pending.has(e.clientMessageId))
        this.pending.delete(e.clientMessageId);
    }
  }

  /** The state: the view's, moved on by the events after it (the same rules as the conversation grain). */
  get state() {
    let state = this.view?.state ?? "Open";
    const from = this.view?.lastSeq ?? 0;
    const agents = new Set(this.view?.agentIds ?? []);
    for (const seq of [...this.events.keys()].filter(s => s > from).sort((a, b) => a - b)) {
      const e = this.events.get(seq);
      if (e.kind === "Started") state = "Open";
      else if (e.kind === "AgentJoined") { state = "Active"; agents.add(e.senderId); }
      else if (e.kind === "AgentLeft") { agents.delete(e.senderId); if (agents.size === 0 && state === "Active") state = "Waiting"; }
      else if (e.kind === "Closed") state = "Closed";
      else if (e.kind === "Message" && e.senderRole === "Insured" && state === "Open" && agents.size === 0) state = "Waiting";
    }
    return state;
  }

  get topic() {
    return this.view?.topic ?? this.events.get(1)?.text ?? "";
  }

  /**
   * What a chat pane shows, in order: the events by seq (messages and notes), then messages not yet acknowledged.
   * Own messages are keyed by their client message id, so one element goes from "pending" to "sent" to "read".
   */
  items() {
    const readByOthers = Math.max(0, ...[...this.events.values()]
      .filter(e => e.kind === "Read" && e.senderId !== this.me).map(e => Number(e.text) || 0));
    const sequenced = [];
    for (const e of this.events.values()) {
      if (e.kind === "Read") continue;
      const mine = e.senderId === this.me;
      sequenced.push({
        key: mine && e.clientMessageId ? `c:${e.clientMessageId}` : `s:${e.seq}`,
        kind: e.kind, seq: e.seq, text: e.text ?? "", senderName: e.senderName, senderRole: e.senderRole, mine,
        clientMessageId: e.clientMessageId ?? null, at: e.at, attachment: e.attachment ?? null,
        status: mine && e.kind === "Message" ? (e.seq <= readByOthers ? "read" : "sent") : null,
      });
    }
    const waiting = [];
    for (const p of this.pending.values()) {
      const item = {
        key: `c:${p.clientMessageId}`, kind: "Message", seq: p.seq ?? null, text: p.text, senderName: null, mine: true,
        clientMessageId: p.clientMessageId, at: p.createdAt, status: p.status, error: p.error ?? null,
        attachment: p.attachment ?? null, retryable: p.retryable !== false,
        retrying: p.status === "pending" && p.retrying === true,
      };
      // Acknowledged but its event not here yet: it already has its place in the order.
      if (p.status === "sent" && p.seq) sequenced.push(item); else waiting.push(item);
    }
    sequenced.sort((a, b) => a.seq - b.seq);
    waiting.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return [...sequenced, ...waiting];
  }

  /** The newest message from someone else (for read receipts). */
  lastForeignMessageSeq() {
    let max = 0;
    for (const e of this.events.values()) if (e.kind === "Message" && e.senderId !== this.me && e.seq > max) max = e.seq;
    return max;
  }

  toStorage() {
    return {
      view: this.view,
      events: [...this.events.values()].sort((a, b) => a.seq - b.seq),
      pending: [...this.pending.values()],
    };
  }
}
