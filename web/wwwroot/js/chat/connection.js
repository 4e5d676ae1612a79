// The connection to one hub (/hubs/customer or /hubs/agent): plain WebSockets without negotiation (no sticky
// sessions), the token from the session (js/session.js) on every (re)connect. It reconnects forever, unless the server
// refuses the token: then the session ends and the page asks for a new sign-in instead.
// Events (EventTarget): "status" (detail: connecting | connected | reconnecting | disconnected | signed-out) and
// "open" (after every (re)connect).
//
// Requires the official SignalR client as the global `signalR` (<script src="/lib/signalr/signalr.min.js">).
import { t } from "/js/i18n.js";
import { checkSession, currentSession, onSessionRefused } from "/js/session.js";
import { isMissingMethod, isRefusal, isRetryable } from "./hub-errors.js";
import { delay, retryDelay } from "./retry.js";

export class HubLink extends EventTarget {
  #hub;
  #starting = false;
  status = "connecting";
  stopped = false;

  constructor(hubPath) {
    super();
    const signalR = globalThis.signalR;
    if (!signalR) throw new Error("Der SignalR-Client fehlt (/lib/signalr/signalr.min.js).");
    this.#hub = new signalR.HubConnectionBuilder()
      .withUrl(hubPath, {
        transport: signalR.HttpTransportType.WebSockets,
        skipNegotiation: true,
        accessTokenFactory: () => currentSession()?.accessToken ?? "",
      })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: context => this.#nextReconnect(context.previousRetryCount) })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    this.#hub.onreconnecting(() => this.#setStatus("reconnecting"));
    this.#hub.onreconnected(() => this.#opened());
    // Automatic reconnect never gives up; this happens only if the first connection fails or stop() was called.
    this.#hub.onclose(() => {
      if (this.stopped) return;
      this.#setStatus("disconnected");
      this.#startLoop(1);
    });
    onSessionRefused(() => this.#signedOut());
  }

  get connected() { return this.#hub.state === "Connected"; }

  /** Handles a method the server calls on this client. */
  on(method, handler) { this.#hub.on(method, handler); }

  /** Connects, retrying until it is connected, stopped or the token is refused. */
  start() { this.#startLoop(0); }

  async stop() {
    this.stopped = true;
    await this.#hub.stop();
  }

  async #startLoop(attempt) {
    if (this.#starting) return;
    this.#starting = true;
    let open = false;
    try {
      for (; !this.stopped; attempt++) {
        if (attempt > 0) {
          this.#setStatus(attempt === 1 && this.status === "connecting" ? "connecting" : "reconnecting");
          await delay(retryDelay(attempt));
        }
        try {
          await this.#hub.start();
          open = true;
          break;
        } catch {
          // Server or network not reachable yet, or the token refused (the browser hides a WebSocket's 401): ask.
          if (await checkSession()) break;
        }
      }
    } finally {
      this.#starting = false;
    }
    if (open && !this.stopped) this.#opened();
  }

  #nextReconnect(previousRetryCount) {
    // A failed attempt may be a refused token (the silo restarted with another key, the token expired): ask the
    // server in passing; a refusal ends the session and stops this connection.
    if (previousRetryCount > 0) checkSession();
    return retryDelay(previousRetryCount);
  }

  #opened() {
    this.#setStatus("connected");
    this.dispatchEvent(new CustomEvent("open"));
  }

  #signedOut() {
    this.stop();
    this.#setStatus("signed-out");
  }

  #setStatus(status) {
    // Signed out is final for this page: only a new sign-in (a new page) connects again.
    if (this.status === status || this.status === "signed-out") return;
    this.status = status;
    this.dispatchEvent(new CustomEvent("status", { detail: status }));
  }

  /** One plain call (fails at once when not connected). */
  invoke(method, ...args) {
    return this.#hub.invoke(method, ...args);
  }

  /**
   * Invokes a hub method; waits for the connection and calls again (same arguments, so the same client-chosen ids)
   * until it gets an answer or a final refusal. UNAVAILABLE (a silo down for a moment) is tried again with backoff.
   */
  async invokeReliably(method, ...args) {
    for (let attempt = 0; ; attempt++) {
      if (this.status === "signed-out") throw new Error(`SESSION_REFUSED: ${t("session.refused")}`);
      if (this.connected) {
        try {
          return await this.#hub.invoke(method, ...args);
        } catch (error) {
          if (isRefusal(error) || isMissingMethod(error)) throw error;
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
