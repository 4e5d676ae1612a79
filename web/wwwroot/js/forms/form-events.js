// The forms events of one hub connection (formState, formChange, formPresence, formInvitation), handed to whoever listens for a
// session. One set of handlers per connection, so opening and closing forms never piles up SignalR handlers.
const routers = new WeakMap();

class FormEventRouter {
  #listeners = new Map(); // session id -> Set of { state, change, presence }
  #invitations = new Set();

  constructor(link) {
    link.on("formState", state => this.#each(state?.sessionId, l => l.state?.(state)));
    link.on("formChange", change => this.#each(change?.sessionId, l => l.change?.(change)));
    link.on("formPresence", notice => this.#each(notice?.sessionId, l => l.presence?.(notice)));
    link.on("formInvitation", invitation => { for (const l of this.#invitations) l(invitation); });
  }

  #each(sessionId, call) {
    if (!sessionId) return;
    for (const listener of this.#listeners.get(String(sessionId).toLowerCase()) ?? []) call(listener);
  }

  listen(sessionId, listener) {
    const key = String(sessionId).toLowerCase();
    if (!this.#listeners.has(key)) this.#listeners.set(key, new Set());
    this.#listeners.get(key).add(listener);
    return () => this.#listeners.get(key)?.delete(listener);
  }

  onInvitation(listener) {
    this.#invitations.add(listener);
    return () => this.#invitations.delete(listener);
  }
}

/** The router of a connection (HubLink or ChatClient: anything with on(method, handler)). */
export function formEvents(link) {
  let router = routers.get(link);
  if (!router) {
    router = new FormEventRouter(link);
    routers.set(link, router);
  }
  return router;
}
