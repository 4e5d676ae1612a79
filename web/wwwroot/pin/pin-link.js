// The connection to /hubs/pin with the case session's token, and the transport the forms code (js/forms/) expects of
// a hub link. The pin hub serves exactly one form (the case's), so its methods take no session id: the transport maps
// EditForm(id, edit) → EditForm(edit), GetFormState(id) → GetFormState(), FocusForm(id, step, field) →
// SetFormPosition(step, field); LeaveForm has no counterpart (the session stays until logout or expiry).
// Events (EventTarget): "status" (connecting | connected | reconnecting | disconnected | ended) and "open" (after every
// (re)connect). "ended": the server refused the case session (expired, logged out elsewhere): the page asks to log in.
import { errorCode, isRefusal, isRetryable } from "/js/chat/hub-errors.js";
import { delay, retryDelay } from "/js/chat/retry.js";
import { currentCaseSession } from "./pin-session.js";

const SESSION_ENDED = new Set(["PIN_SESSION_INVALID"]);

export class PinLink extends EventTarget {
  #hub;
  status = "connecting";
  stopped = false;

  constructor() {
    super();
    const signalR = globalThis.signalR;
    this.#hub = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/pin", {
        transport: signalR.HttpTransportType.WebSockets,
        skipNegotiation: true,
        accessTokenFactory: () => currentCaseSession()?.token ?? "",
      })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: context => this.#nextReconnect(context.previousRetryCount) })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    this.#hub.onreconnecting(() => this.#setStatus("reconnecting"));
    this.#hub.onreconnected(() => this.#opened());
    this.#hub.onclose(() => {
      if (this.stopped) return;
      this.#setStatus("disconnected");
      this.#startLoop(1);
    });
  }

  get connected() { return this.#hub.state === "Connected"; }

  on(method, handler) { this.#hub.on(method, handler); }

  start() { this.#startLoop(0); }

  async stop() {
    this.stopped = true;
    await this.#hub.stop();
  }

  /** The case session is over (refused, expired or logged out): no more reconnects. */
  end() {
    if (this.status === "ended") return;
    this.stop();
    this.#setStatus("ended");
  }

  #nextReconnect(previousRetryCount) {
    // Without a valid case session no reconnect can succeed (the token expired): stop instead of trying forever.
    if (!currentCaseSession()) {
      queueMicrotask(() => this.end());
      return null;
    }
    return retryDelay(previousRetryCount);
  }

  async #startLoop(attempt) {
    for (; !this.stopped; attempt++) {
      if (!currentCaseSession()) {
        this.end();
        return;
      }
      if (attempt > 0) {
        this.#setStatus(attempt === 1 && this.status === "connecting" ? "connecting" : "reconnecting");
        await delay(retryDelay(attempt));
      }
      try {
        await this.#hub.start();
        this.#opened();
        return;
      } catch {
        // The server or network is not reachable yet: try again while the case session lasts.
      }
    }
  }

  #opened() {
    this.#setStatus("connected");
    this.dispatchEvent(new CustomEvent("open"));
  }

  #setStatus(status) {
    if (this.status === status || this.status === "ended") return;
    this.status = status;
    this.dispatchEvent(new CustomEvent("status", { detail: status }));
  }

  #checkEnded(error) {
    if (SESSION_ENDED.has(errorCode(error))) this.end();
    return error;
  }

  invoke(method, ...args) {
    return this.#hub.invoke(method, ...args).catch(error => { throw this.#checkEnded(error); });
  }

  /** Calls until an answer or a final refusal comes; waits for the connection in between (same arguments, same ids). */
  async invokeReliably(method, ...args) {
    for (let attempt = 0; ; attempt++) {
      if (this.status === "ended") throw new Error("PIN_SESSION_INVALID: ended");
      if (this.connected) {
        try {
          return await this.#hub.invoke(method, ...args);
        } catch (error) {
          if (isRefusal(error)) throw this.#checkEnded(error);
          if (isRetryable(error)) {
            await delay(retryDelay(attempt + 1));
            continue;
          }
        }
      }
      await delay(Math.min(500 * (attempt + 1), 3000));
    }
  }
}

/** The hub link the forms code talks to (FormSession): the customer hub's form methods, mapped onto the pin hub. */
export function formTransport(link) {
  const map = (method, args) => {
    switch (method) {
      case "EditForm": return ["EditForm", args[1]];
      case "GetFormState": return ["GetFormState"];
      case "FocusForm": return ["SetFormPosition", args[1] ?? null, args[2] ?? null];
      default: return [method, ...args.slice(1)];
    }
  };
  return {
    get connected() { return link.connected; },
    on: (method, handler) => link.on(method, handler),
    addEventListener: (type, listener) => link.addEventListener(type, listener),
    removeEventListener: (type, listener) => link.removeEventListener(type, listener),
    invoke(method, ...args) {
      if (method === "LeaveForm") return Promise.resolve();
      const [name, ...rest] = map(method, args);
      return link.invoke(name, ...rest);
    },
    invokeReliably(method, ...args) {
      const [name, ...rest] = map(method, args);
      return link.invokeReliably(name, ...rest);
    },
  };
}
