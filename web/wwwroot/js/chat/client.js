// The chat client shared by the portal and the agent desktop: the conversations the page shows over one hub
// connection (connection.js), and the rules that make sure no message is lost or shown twice. No DOM code here.
//
// - After every (re)connect it calls Resume(conversationId, lastSeq) for every conversation the page watches, paging
//   until an empty batch comes back, and only then sends unsent messages (outbox.js).
// - The conversations (conversation.js) and the watched ids are kept in sessionStorage, so a reload resumes where it
//   left off.
import { currentSession } from "/js/session.js";
import { HubLink } from "./connection.js";
import { Conversation } from "./conversation.js";
import { Outbox } from "./outbox.js";
import { markRead } from "./read-receipts.js";
import { Resumer } from "./resume.js";
import { UserStorage } from "./storage.js";
import { TypingNotices } from "./typing.js";

export const MAX_MESSAGE_LENGTH = 4000;

/**
 * The conversations of this page over the connection to one hub (/hubs/customer or /hubs/agent).
 * Events (EventTarget): "status" (detail: status), "change" (detail: conversation id), "typing" (detail: id),
 * "vanished" (detail: id of a conversation the server no longer has), "connected" (after every (re)connect, resumed).
 */
export class ChatClient extends EventTarget {
  #link;
  #outbox;
  #session = currentSession();
  #conversations = new Map();
  #watched = new Set();
  #resumer;
  #typing;
  #persistScheduled = new Set();
  #storage = new UserStorage(this.me);

  constructor(hubPath) {
    super();
    this.#link = new HubLink(hubPath);
    const chat = {
      conversation: id => this.conversation(id), changed: id => this.#changed(id), persist: id => this.#persist(id),
      resume: id => this.resume(id), vanished: id => this.#vanished(id),
    };
    this.#outbox = new Outbox(this.#link, chat);
    this.#resumer = new Resumer(this.#link, chat);
    this.#typing = new TypingNotices(this.#link);
    this.#link.on("ConversationEvent", e => this.#onEvent(e));
    this.#link.on("Typing", notice => this.#onTyping(notice));
    this.#link.addEventListener("status", e => this.dispatchEvent(new CustomEvent("status", { detail: e.detail })));
    this.#link.addEventListener("open", () => this.#onConnected());
    for (const id of this.#storage.read("watched") ?? []) this.watch(id);
  }

  get me() { return this.#session?.userId ?? ""; }

  get status() { return this.#link.status; }

  get connected() { return this.#link.connected; }

  /** Connects (retrying forever); resolves once the first connection is up and resumed. */
  start() {
    return new Promise(resolve => {
      const onConnected = () => { this.removeEventListener("connected", onConnected); resolve(); };
      this.addEventListener("connected", onConnected);
      this.#link.start();
    });
  }

  stop() { return this.#link.stop(); }

  async #onConnected() {
    await Promise.all([...this.#watched].map(id => this.#resumeAndRefresh(id)));
    for (const id of this.#watched) this.#outbox.pump(id);
    this.dispatchEvent(new CustomEvent("connected"));
  }

  async #resumeAndRefresh(id) {
    await this.resume(id);
    try {
      this.applyViews([await this.#link.invoke("GetConversation", id)]);
    } catch {
      // Resume already reported what matters.
    }
  }

  /** The conversation with this id (created empty, or from sessionStorage). */
  conversation(id) {
    id = id.toLowerCase();
    let conversation = this.#conversations.get(id);
    if (!conversation) {
      conversation = new Conversation(id, this.me, this.#storage.read(id));
      this.#conversations.set(id, conversation);
    }
    return conversation;
  }

  /** Keeps a conversation up to date: resumed now (if connected) and after every reconnect. */
  watch(id) {
    id = id.toLowerCase();
    const conversation = this.conversation(id);
    if (!this.#watched.has(id)) {
      this.#watched.add(id);
      this.#storage.write("watched", [...this.#watched]);
      if (this.connected) {
        this.#resumeAndRefresh(id);
        this.#outbox.pump(id);
      }
    }
    return conversation;
  }

  /** Resume(id, lastSeq) until an empty batch (see resume.js). */
  resume(id) { return this.#resumer.resume(id.toLowerCase()); }

  /** Remembers views (ListConversations, GetConversation, Start/Join): each the truth as of its lastSeq. */
  applyViews(views) {
    for (const view of views ?? []) {
      if (!view?.conversationId) continue;
      const conversation = this.conversation(view.conversationId);
      conversation.view = view; // events after its lastSeq move the state on
      this.#changed(conversation.id);
    }
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
    this.#typing.receive(conversation, notice, () => this.dispatchEvent(new CustomEvent("typing", { detail: conversation.id })));
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

  /** The server no longer has this conversation: stop watching it and drop what this tab kept of it. */
  #vanished(id) {
    this.#watched.delete(id);
    this.#storage.write("watched", [...this.#watched]);
    this.#conversations.delete(id);
    this.#storage.write(id, null);
    if (this.selected === id) this.selected = null;
    this.dispatchEvent(new CustomEvent("vanished", { detail: id }));
  }

  #persist(id) {
    const conversation = this.#conversations.get(id);
    if (conversation) this.#storage.write(id, conversation.toStorage());
  }

  /** See HubLink.invokeReliably: retried until an answer or a final refusal. */
  invokeReliably(method, ...args) { return this.#link.invokeReliably(method, ...args); }

  /** One plain call (fails at once when not connected). */
  invoke(method, ...args) { return this.#link.invoke(method, ...args); }

  /** Handles another event the server pushes on this hub (e.g. queuePosition, or the agent's "desk"). */
  on(method, handler) { this.#link.on(method, handler); }

  /** Queues a text message (see outbox.js); returns its client message id. */
  send(id, text) { return this.#outbox.add(this.watch(id), text, null); }

  /** Queues a message with one attachment and the text as its optional caption; check it with checkAttachment(). */
  sendAttachment(id, file, text) { return this.#outbox.add(this.watch(id), text, file); }

  /** Sends a failed message again (same client message id). */
  retry(id, clientMessageId) { this.#outbox.retry(this.conversation(id), clientMessageId); }

  /** Removes a failed message from the queue (e.g. a refused attachment). */
  discard(id, clientMessageId) { this.#outbox.discard(this.conversation(id), clientMessageId); }

  /** Tells the others that this user is typing (at most every 2.5 s); best effort. */
  typing(id) { this.#typing.send(id); }

  /** Read receipt up to the newest message of the others, once per seq; best effort. */
  markRead(id) { markRead(this.#link, this.conversation(id)); }

  /** The page-level selection (which conversation is open), kept across reloads. */
  get selected() { return this.#storage.read("selected"); }

  set selected(id) { this.#storage.write("selected", id); }

  /** Extra ids a page keeps under a name, newest first (e.g. the conversations an agent joined in this session). */
  remembered(name) { return this.#storage.read(name) ?? []; }

  remember(name, id) { this.#storage.write(name, [id, ...this.remembered(name).filter(x => x !== id)]); }

  forget(name, id) { this.#storage.write(name, this.remembered(name).filter(x => x !== id)); }
}
