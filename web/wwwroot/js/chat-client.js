// The chat client shared by the portal and the agent desktop: one SignalR connection to a hub, the conversations
// the page shows, and the rules that make sure no message is lost or shown twice. No DOM code here.
//
// - Plain WebSockets without negotiation (no sticky sessions), token from the session (js/session.js).
// - Reconnects forever; after every (re)connect it calls Resume(conversationId, lastSeq) for every conversation the
//   page watches, paging until an empty batch comes back, and only then flushes unsent messages.
// - Events are kept in a Map by seq, so an event that arrives both live and by Resume collapses into one; everything
//   is rendered in seq order. lastSeq is the highest seq up to which nothing is missing; it and the events are kept
//   in sessionStorage, so a page reload resumes where it left off.
// - Every message carries a client message id (crypto.randomUUID()) and is retried with the SAME id until the server
//   acknowledges it; the server stores a retried id once. Unsent messages survive a page reload too.
// - Attachments (PDF, JPEG, PNG, at most 10 MB) go over HTTP (POST /api/conversations/{id}/attachments) in the same
//   queue as the text messages, with the same client message id rules. The file itself is kept in memory only: after
//   a reload an unsent attachment has to be chosen again. Downloads carry the bearer token (see download()).
//
// Requires the official SignalR client as the global `signalR` (<script src="/lib/signalr/signalr.min.js">).
import { codeText, has, lang, locale, problemCode, t, tOr } from "/js/i18n.js";
import { currentSession } from "/js/session.js";

export const MAX_MESSAGE_LENGTH = 4000;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";
const ATTACHMENT_EXTENSIONS = /\.(pdf|jpe?g|png)$/i;
const ATTACHMENT_TYPE_LABELS = { "application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG" };
export const TYPING_VISIBLE_MS = 5000;
// The topics as the server stores them (German); topicText() names them in the page's language.
export const TOPICS = ["Beiträge", "Leistungen", "Bescheinigungen", "Sonstiges"];

/** A topic for display: the page's language where it knows the topic, else as stored. */
export function topicText(topic) {
  return tOr(`topic.${topic}`, topic);
}

/** The state of a conversation (Open, Waiting, Active, Closed) for display. */
export function stateText(state) {
  return has(`chat.state.${state}`) ? t(`chat.state.${state}`) : state;
}

/** The connection status (connecting, connected, reconnecting, disconnected) for display. */
export function statusText(status) {
  return has(`chat.connection.${status}`) ? t(`chat.connection.${status}`) : status;
}

// Delays between reconnect attempts; the last one repeats forever (a little jitter spreads a silo's clients).
const RETRY_DELAYS_MS = [0, 1000, 2000, 3000, 5000];
const TYPING_SEND_INTERVAL_MS = 2500;
const STORAGE_PREFIX = "kasse.chat.v1";

function retryDelay(attempt) {
  const base = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)];
  return base === 0 ? 0 : base + Math.floor(Math.random() * 500);
}

const delay = ms => new Promise(resolve => setTimeout(resolve, ms));

/** A new Guid: crypto.randomUUID() where available (secure contexts), else from crypto.getRandomValues. */
export function newId() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map(x => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The code of a hub error ("… HubException: CODE: German text"), or null for connection and other failures. */
export function errorCode(error) {
  const m = /(?:HubException: |^)([A-Z][A-Z0-9_]{2,}): /.exec(error?.message ?? "");
  return m ? m[1] : null;
}

/** The text of a hub error, for display: the page's language for a known code, else the server's German text. */
export function errorText(error) {
  const message = error?.message ?? String(error);
  const m = /(?:HubException: |^)([A-Z][A-Z0-9_]{2,}): ([\s\S]*)$/.exec(message);
  return m ? codeText(m[1], m[2]) : t("chat.offline");
}

export function isMissingMethod(error) {
  return /Method does not exist/i.test(error?.message ?? "");
}

/** "PDF", "JPEG", "PNG" for a content type (or, before the server has checked it, for a file name). */
export function attachmentTypeLabel(contentType, fileName) {
  if (ATTACHMENT_TYPE_LABELS[contentType]) return ATTACHMENT_TYPE_LABELS[contentType];
  const extension = /\.([a-z0-9]{1,5})$/i.exec(fileName ?? "")?.[1]?.toUpperCase();
  return extension === "JPG" ? "JPEG" : extension ?? t("chat.file");
}

const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });

/** A file size in the page's language: "512 Byte", "120 KB", "2,4 MB" (English: "512 bytes", "2.4 MB"). */
export function formatSize(bytes) {
  if (!(bytes >= 0)) return "";
  if (bytes < 1024) return t("chat.bytes", { count: bytes });
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${numberFormat.format(bytes / (1024 * 1024))} MB`;
}

/** "befund.pdf · PDF · 120 KB" */
export function describeAttachment(attachment) {
  return [attachment.fileName, attachmentTypeLabel(attachment.contentType, attachment.fileName), formatSize(attachment.size)]
    .filter(Boolean).join(" · ");
}

/** The reason a file cannot be attached (checked before the upload), or null when it may be sent. */
export function checkAttachment(file) {
  if (!file) return t("chat.fileMissing");
  if (file.size === 0) return t("chat.fileEmpty");
  if (file.size > MAX_ATTACHMENT_BYTES) return t("chat.fileTooLarge");
  if (!ATTACHMENT_EXTENSIONS.test(file.name) && !ATTACHMENT_TYPE_LABELS[file.type]) return t("chat.fileType");
  return null;
}

/**
 * An HTTP failure with the problem detail (the server's German text, or the page's language for a known code);
 * code is the problem title when it is a code (e.g. ATTACHMENT_TOO_LARGE).
 */
export class HttpProblem extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function problemOf(response) {
  let problem = null;
  try { problem = await response.json(); } catch { /* no problem body */ }
  const code = /^[A-Z][A-Z0-9_]{2,}$/.test(problem?.title ?? "") ? problem.title : null;
  let text = problem?.detail ?? (code ? null : problem?.title);
  // Also a code in the type only (…/problems/attachment-missing) names the text.
  text = codeText(problemCode(problem), text);
  if (!text) {
    const key = `chat.http.${response.status}`;
    text = has(key) ? t(key) : t("chat.http.other", { status: response.status });
  }
  return new HttpProblem(response.status, code, text);
}

function authorization() {
  const token = currentSession()?.accessToken;
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** The file name from a Content-Disposition header (filename* first), or null. */
function dispositionFileName(header) {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try { return decodeURIComponent(extended[2].trim()); } catch { /* fall through */ }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  return plain ? (plain[2] ?? plain[1]).trim() : null;
}

/**
 * GETs a file with the bearer token of the session: { blob, fileName }. Throws an HttpProblem (see problemOf) when
 * the server refuses, a TypeError when the network fails.
 */
export async function download(path, fallbackName) {
  const response = await fetch(path, { headers: authorization(), cache: "no-store" });
  if (!response.ok) throw await problemOf(response);
  const blob = await response.blob();
  return { blob, fileName: dispositionFileName(response.headers.get("Content-Disposition")) ?? fallbackName };
}

function readStorage(key) {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

function writeStorage(key, value) {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Quota exceeded: keep working from memory; a reload then resumes from the start.
    try { sessionStorage.removeItem(key); } catch { /* nothing to do */ }
  }
}

/** One conversation as this page knows it: the view, the events by seq, the unsent messages, who is typing. */
export class Conversation {
  constructor(id, me, stored) {
    this.id = id;
    this.me = me;
    this.view = stored?.view ?? null;
    this.events = new Map((stored?.events ?? []).map(e => [e.seq, e]));
    this.lastSeq = 0;
    // clientMessageId -> { clientMessageId, text, status: "pending" | "sent" | "failed", seq, error, createdAt,
    //                     attachment: { fileName, contentType, size } | null, retryable }
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
    let hasAgent = (this.view?.agentIds?.length ?? 0) > 0;
    for (const seq of [...this.events.keys()].filter(s => s > from).sort((a, b) => a - b)) {
      const e = this.events.get(seq);
      if (e.kind === "Started") state = "Open";
      else if (e.kind === "AgentJoined") { state = "Active"; hasAgent = true; }
      else if (e.kind === "Closed") state = "Closed";
      else if (e.kind === "Message" && e.senderRole === "Insured" && state === "Open" && !hasAgent) state = "Waiting";
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

/**
 * The connection to one hub (/hubs/customer or /hubs/agent) and the conversations of this page.
 * Events (EventTarget): "status" (detail: status), "change" (detail: conversation id), "typing" (detail: id),
 * "connected" (after every (re)connect, once resumed).
 */
export class ChatClient extends EventTarget {
  #hub;
  #session;
  #conversations = new Map();
  #watched = new Set();
  #resuming = new Map();
  #pumping = new Set();
  #lastTypingSent = new Map();
  #persistScheduled = new Set();
  #starting = false;
  // clientMessageId -> File of attachments not yet acknowledged (memory only: files do not fit in sessionStorage).
  #files = new Map();

  constructor(hubPath) {
    super();
    this.#session = currentSession();
    this.status = "connecting";
    const signalR = globalThis.signalR;
    if (!signalR) throw new Error("Der SignalR-Client fehlt (/lib/signalr/signalr.min.js).");
    this.#hub = new signalR.HubConnectionBuilder()
      .withUrl(hubPath, {
        transport: signalR.HttpTransportType.WebSockets,
        skipNegotiation: true,
        accessTokenFactory: () => currentSession()?.accessToken ?? "",
      })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: context => retryDelay(context.previousRetryCount) })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    this.#hub.on("ConversationEvent", e => this.#onEvent(e));
    this.#hub.on("Typing", t => this.#onTyping(t));
    this.#hub.onreconnecting(() => this.#setStatus("reconnecting"));
    this.#hub.onreconnected(() => this.#onConnected());
    // Automatic reconnect never gives up; this happens only if the first connection fails or stop() was called.
    this.#hub.onclose(() => {
      this.#setStatus("disconnected");
      if (!this.stopped) this.#startLoop(1);
    });
    for (const id of readStorage(this.#key("watched")) ?? []) this.watch(id);
  }

  get me() { return this.#session?.userId ?? ""; }

  get displayName() { return this.#session?.displayName ?? ""; }

  get connected() { return this.#hub.state === "Connected"; }

  /** Connects (retrying forever); resolves once the first connection is up and resumed. */
  start() {
    return new Promise(resolve => {
      const onConnected = () => { this.removeEventListener("connected", onConnected); resolve(); };
      this.addEventListener("connected", onConnected);
      this.#startLoop(0);
    });
  }

  async stop() {
    this.stopped = true;
    await this.#hub.stop();
  }

  async #startLoop(attempt) {
    if (this.#starting) return;
    this.#starting = true;
    try {
      for (; !this.stopped; attempt++) {
        if (attempt > 0) {
          this.#setStatus(attempt === 1 && this.status === "connecting" ? "connecting" : "reconnecting");
          await delay(retryDelay(attempt));
        }
        try {
          await this.#hub.start();
          break;
        } catch {
          // Server or network not reachable yet: try again.
        }
      }
    } finally {
      this.#starting = false;
    }
    if (!this.stopped) await this.#onConnected();
  }

  async #onConnected() {
    this.#setStatus("connected");
    await Promise.all([...this.#watched].map(id => this.#resumeAndRefresh(id)));
    for (const id of this.#watched) this.#pump(id);
    this.dispatchEvent(new CustomEvent("connected"));
  }

  async #resumeAndRefresh(id) {
    await this.resume(id);
    try {
      const view = await this.#hub.invoke("GetConversation", id);
      this.#applyView(view);
    } catch {
      // Resume already reported what matters.
    }
  }

  #setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.dispatchEvent(new CustomEvent("status", { detail: status }));
  }

  #key(suffix) {
    return `${STORAGE_PREFIX}.${this.me}.${suffix}`;
  }

  /** The conversation with this id (created empty, or from sessionStorage). */
  conversation(id) {
    id = id.toLowerCase();
    let conversation = this.#conversations.get(id);
    if (!conversation) {
      conversation = new Conversation(id, this.me, readStorage(this.#key(id)));
      this.#conversations.set(id, conversation);
    }
    return conversation;
  }

  get conversations() {
    return [...this.#conversations.values()];
  }

  /** Keeps a conversation up to date: resumed now (if connected) and after every reconnect. */
  watch(id) {
    id = id.toLowerCase();
    const conversation = this.conversation(id);
    if (!this.#watched.has(id)) {
      this.#watched.add(id);
      writeStorage(this.#key("watched"), [...this.#watched]);
      if (this.connected) {
        this.#resumeAndRefresh(id);
        this.#pump(id);
      }
    }
    return conversation;
  }

  /** Resume(id, lastSeq) until an empty batch; concurrent calls for one conversation run one after another. */
  resume(id) {
    id = id.toLowerCase();
    const running = this.#resuming.get(id);
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
        } while (entry.again && this.connected);
      } finally {
        this.#resuming.delete(id);
      }
    })();
    this.#resuming.set(id, entry);
    return entry.promise;
  }

  async #resumeOnce(id) {
    const conversation = this.conversation(id);
    let after = conversation.lastSeq;
    try {
      for (;;) {
        const batch = await this.#hub.invoke("Resume", id, after);
        if (!batch || batch.length === 0) break;
        conversation.add(batch);
        after = Math.max(after, ...batch.map(e => e.seq));
      }
      conversation.error = null;
    } catch (error) {
      const code = errorCode(error);
      // A connection failure is retried by the next reconnect; a refusal is shown.
      if (code) conversation.error = errorText(error);
    }
    this.#changed(id);
  }

  #applyView(view) {
    if (!view?.conversationId) return;
    const conversation = this.conversation(view.conversationId);
    // The view is the truth as of its lastSeq; events after it move the state on.
    conversation.view = view;
    this.#changed(conversation.id);
  }

  /** Remembers views from ListConversations/StartConversation/JoinConversation. */
  applyViews(views) {
    for (const view of views ?? []) this.#applyView(view);
  }

  #onEvent(e) {
    if (!e?.conversationId) return;
    const conversation = this.conversation(e.conversationId);
    if (!conversation.add([e])) return;
    this.#changed(conversation.id);
    // A hole before this event (a delivery lost on the way): fetch what is missing.
    if (this.#watched.has(conversation.id) && conversation.hasGap()) this.resume(conversation.id);
  }

  #onTyping(notice) {
    if (!notice?.conversationId || notice.userId === this.me) return;
    const conversation = this.conversation(notice.conversationId);
    const until = Date.now() + TYPING_VISIBLE_MS;
    conversation.typing = { name: notice.displayName, until };
    this.dispatchEvent(new CustomEvent("typing", { detail: conversation.id }));
    setTimeout(() => {
      if (conversation.typing && conversation.typing.until <= Date.now()) {
        conversation.typing = null;
        this.dispatchEvent(new CustomEvent("typing", { detail: conversation.id }));
      }
    }, TYPING_VISIBLE_MS + 50);
  }

  #changed(id) {
    if (!this.#persistScheduled.has(id)) {
      this.#persistScheduled.add(id);
      queueMicrotask(() => {
        this.#persistScheduled.delete(id);
        this.#persist(id);
      });
    }
    this.dispatchEvent(new CustomEvent("change", { detail: id }));
  }

  #persist(id) {
    const conversation = this.#conversations.get(id);
    if (conversation) writeStorage(this.#key(id), conversation.toStorage());
  }

  /** Invokes a hub method; waits for the connection and retries until it gets an answer or a coded refusal. */
  async invokeReliably(method, ...args) {
    for (let attempt = 0; ; attempt++) {
      if (this.connected) {
        try {
          return await this.#hub.invoke(method, ...args);
        } catch (error) {
          if (errorCode(error) || isMissingMethod(error)) throw error;
        }
      }
      await delay(Math.min(500 * (attempt + 1), 3000));
    }
  }

  /** One plain call (fails at once when not connected). */
  invoke(method, ...args) {
    return this.#hub.invoke(method, ...args);
  }

  /**
   * Queues a message with a new client message id; it is sent now or after the next reconnect, and retried with
   * the same id until acknowledged. Returns the client message id.
   */
  send(id, text) {
    const conversation = this.watch(id);
    const clientMessageId = newId();
    conversation.pending.set(clientMessageId, {
      clientMessageId, text, status: "pending", seq: null, error: null, createdAt: new Date().toISOString(),
    });
    // Stored before anything goes on the wire: a reload right now still sends it.
    this.#persist(conversation.id);
    this.#changed(conversation.id);
    this.#pump(conversation.id);
    return clientMessageId;
  }

  /**
   * Queues a message with one attachment (and the text as its optional caption) like send(): same queue, new client
   * message id, retried with that id until acknowledged. Check the file with checkAttachment() first.
   */
  sendAttachment(id, file, text) {
    const conversation = this.watch(id);
    const clientMessageId = newId();
    this.#files.set(clientMessageId, file);
    conversation.pending.set(clientMessageId, {
      clientMessageId, text: text?.trim() ? text : "", status: "pending", seq: null, error: null,
      createdAt: new Date().toISOString(),
      attachment: { fileName: file.name, contentType: file.type || null, size: file.size },
    });
    this.#persist(conversation.id);
    this.#changed(conversation.id);
    this.#pump(conversation.id);
    return clientMessageId;
  }

  /** POSTs one queued attachment; the ack, or throws (HttpProblem for a refusal, TypeError for the network). */
  async #upload(id, p) {
    const file = this.#files.get(p.clientMessageId);
    const form = new FormData();
    form.append("clientMessageId", p.clientMessageId);
    if (p.text) form.append("text", p.text);
    form.append("file", file, p.attachment?.fileName ?? file.name);
    const response = await fetch(`/api/conversations/${encodeURIComponent(id)}/attachments`, {
      method: "POST", headers: authorization(), body: form,
    });
    if (!response.ok) throw await problemOf(response);
    return response.json();
  }

  /** Sends the pending messages of a conversation one after another, in the order they were written. */
  async #pump(id) {
    if (this.#pumping.has(id)) return;
    this.#pumping.add(id);
    const conversation = this.conversation(id);
    let retryLater = false;
    try {
      for (;;) {
        const next = [...conversation.pending.values()].filter(p => p.status === "pending")
          .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))[0];
        if (!next || !this.connected) break;
        if (next.attachment && !this.#files.has(next.clientMessageId)) {
          // Queued before a page reload: the file is gone with the old page.
          next.status = "failed";
          next.retryable = false;
          next.error = t("chat.fileLost");
          this.#changed(id);
          continue;
        }
        try {
          const ack = next.attachment
            ? await this.#upload(id, next)
            : await this.#hub.invoke("SendMessage", id, next.clientMessageId, next.text);
          next.status = "sent";
          this.#files.delete(next.clientMessageId);
          next.seq = ack.seq;
          // The ack carries the stored event; the push leaves out the connection that wrote it.
          if (ack.event) conversation.add([ack.event]);
          conversation.settle();
          this.#changed(id);
          // The ack came before the event: make sure nothing before it is missing.
          if (ack.seq > conversation.lastSeq + 1) this.resume(id);
        } catch (error) {
          if (error instanceof HttpProblem) {
            if (error.status === 429 || error.status === 408 || error.status >= 500) {
              // Busy or a transient server failure: retry with the same id.
              retryLater = true;
              break;
            }
            next.status = "failed";
            next.error = error.message;
            // The same bytes would be refused again (wrong type, too large); other refusals may pass later.
            next.retryable = ![413, 415].includes(error.status) && !/^ATTACHMENT_/.test(error.code ?? "");
            this.#changed(id);
            continue;
          }
          const code = errorCode(error);
          if (code === "RATE_LIMITED") {
            await delay(1000);
          } else if (code) {
            next.status = "failed";
            next.error = errorText(error);
            this.#changed(id);
          } else {
            // Connection lost (the reconnect pumps again) or a transient server failure: retry, same id.
            retryLater = this.connected;
            break;
          }
        }
      }
    } finally {
      this.#pumping.delete(id);
    }
    if (retryLater) setTimeout(() => this.#pump(id), 2000);
  }

  /** Sends a failed message again (same client message id). */
  retry(id, clientMessageId) {
    const p = this.conversation(id).pending.get(clientMessageId);
    if (!p) return;
    if (p.attachment && !this.#files.has(clientMessageId)) return;
    p.status = "pending";
    p.error = null;
    this.#changed(id);
    this.#pump(id.toLowerCase());
  }

  /** Removes a failed message from the queue (e.g. a refused attachment). */
  discard(id, clientMessageId) {
    const conversation = this.conversation(id);
    const p = conversation.pending.get(clientMessageId);
    if (!p || p.status !== "failed") return;
    conversation.pending.delete(clientMessageId);
    this.#files.delete(clientMessageId);
    this.#persist(conversation.id);
    this.#changed(conversation.id);
  }

  /** Downloads an attachment of a conversation with the bearer token: { blob, fileName }. */
  downloadAttachment(id, attachment) {
    return download(`/api/conversations/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachment.attachmentId)}`,
      attachment.fileName);
  }

  /** Downloads the PDF transcript of a conversation with the bearer token: { blob, fileName }. */
  downloadTranscript(id) {
    return download(`/api/conversations/${encodeURIComponent(id)}/transcript.pdf?lang=${lang}`, t("chat.transcriptFile", { id }));
  }

  /** Tells the others that this user is typing (at most every 2.5 s); best effort. */
  typing(id) {
    const now = Date.now();
    if (!this.connected || now - (this.#lastTypingSent.get(id) ?? 0) < TYPING_SEND_INTERVAL_MS) return;
    this.#lastTypingSent.set(id, now);
    this.#hub.invoke("Typing", id).catch(() => { /* best effort */ });
  }

  /** Read receipt up to the newest message of the others, once per seq; best effort. */
  markRead(id) {
    const conversation = this.conversation(id);
    const seq = conversation.lastForeignMessageSeq();
    if (!this.connected || seq <= conversation.readUpTo || conversation.state === "Closed") return;
    conversation.readUpTo = seq;
    this.#hub.invoke("MarkRead", conversation.id, seq).catch(() => {
      if (conversation.readUpTo === seq) conversation.readUpTo = 0;
    });
  }

  /** The page-level selection (which conversation is open), kept across reloads. */
  get selected() {
    return readStorage(this.#key("selected"));
  }

  set selected(id) {
    writeStorage(this.#key("selected"), id);
  }

  /** Extra ids a page wants to keep (e.g. the conversations an agent joined in this session). */
  remembered(name) {
    return readStorage(this.#key(name)) ?? [];
  }

  remember(name, id) {
    const ids = this.remembered(name).filter(x => x !== id);
    ids.unshift(id);
    writeStorage(this.#key(name), ids);
  }
}
