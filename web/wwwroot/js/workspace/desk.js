// The agent's desk as the workspace knows it: presence, offers and assigned items, pushed by the server as the hub
// event "desk" on every change (no polling, no ids typed by anyone), fetched again after every (re)connect. A desk
// is kept when its version is higher than the one shown; a lower one (a restarted desk counts from zero again) makes
// the page ask the server for the current desk. No DOM code here.
//
// Events (EventTarget): "change" (the desk or the items changed), "offer" (detail: a new offer).

export class DeskState extends EventTarget {
  #client;
  #seenOffers = new Set();
  #itemKey = "";
  desk = null;
  /** item id -> WorkItemView of the items offered to or assigned to the agent. */
  items = new Map();

  constructor(client) {
    super();
    this.#client = client;
    client.on("desk", desk => this.#apply(desk, false));
    client.addEventListener("connected", () => this.refresh());
  }

  get offers() { return this.desk?.offers ?? []; }

  get assigned() { return this.desk?.assignedItems ?? []; }

  get team() { return this.desk?.profile?.team ?? null; }

  async refresh() {
    try {
      this.#apply(await this.#client.invoke("GetDesk"), true);
    } catch {
      // Not connected: the next "connected" asks again.
    }
  }

  #apply(desk, authoritative) {
    if (!desk) return;
    if (!authoritative && this.desk && desk.version <= this.desk.version) {
      if (desk.version < this.desk.version) this.refresh();
      return;
    }
    this.desk = desk;
    for (const offer of desk.offers) {
      if (this.#seenOffers.has(offer.offerId)) continue;
      this.#seenOffers.add(offer.offerId);
      this.dispatchEvent(new CustomEvent("offer", { detail: offer }));
    }
    this.#changed();
    const key = JSON.stringify([desk.offers.map(o => o.itemId), desk.assignedItems]);
    if (key !== this.#itemKey) {
      this.#itemKey = key;
      this.#loadItems();
    }
  }

  async #loadItems() {
    try {
      const views = await this.#client.invoke("ListMyItems");
      this.items = new Map(views.map(v => [v.id, v]));
      this.#changed();
    } catch {
      // The next desk change or reconnect loads them again.
      this.#itemKey = "";
    }
  }

  #changed() { this.dispatchEvent(new CustomEvent("change")); }

  async setPresence(presence) { this.#apply(await this.#client.invokeReliably("SetPresence", presence), true); }

  /** Accepts an offer; returns the item (assigned to this agent). */
  async accept(offerId) {
    const item = await this.#client.invokeReliably("AcceptOffer", offerId);
    this.items.set(item.id, item);
    await this.refresh();
    return item;
  }

  async decline(offerId) {
    await this.#client.invokeReliably("DeclineOffer", offerId);
    await this.refresh();
  }

  async complete(itemId) {
    await this.#client.invokeReliably("CompleteWorkItem", itemId);
    await this.refresh();
  }
}
