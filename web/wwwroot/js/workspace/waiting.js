// The waiting items of the agent's queues for the inbox filters "Team" (the team's queue) and "Alle wartenden" (every
// queue the agent serves). Queue contents change without a desk event, so the list is fetched when its filter is
// chosen, on every desk change, and every few seconds while it is shown. No DOM code here.
const REFRESH_MS = 5000;

export class WaitingItems extends EventTarget {
  #client;
  #timer = null;
  #queue = undefined;
  items = [];
  error = null;

  constructor(client) {
    super();
    this.#client = client;
  }

  /** Shows the items of queue (null: all of the agent's queues); stop() ends the refreshing. */
  show(queue) {
    this.#queue = queue;
    this.refresh();
    clearInterval(this.#timer);
    this.#timer = setInterval(() => this.refresh(), REFRESH_MS);
  }

  stop() {
    clearInterval(this.#timer);
    this.#timer = null;
    this.#queue = undefined;
  }

  async refresh() {
    if (this.#queue === undefined || !this.#client.connected) return;
    const queue = this.#queue;
    try {
      const items = await this.#client.invoke("ListWaiting", queue);
      if (queue !== this.#queue) return;
      this.items = items;
      this.error = null;
    } catch (error) {
      this.error = error;
    }
    this.dispatchEvent(new CustomEvent("change"));
  }
}
