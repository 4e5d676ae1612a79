// The supervisor's picture of queues and agents, kept from the server's overview events. Each event carries the feed's
// epoch (one activation of the feed) and a seq that grows by one per change. A full picture replaces everything; a
// change is applied only when it is the next one of the same epoch. Anything else means something was missed (a
// lost push, a restarted feed): apply() answers "gap" and the page asks for the whole picture again.

export class OverviewState {
  epoch = null;
  seq = -1;
  queues = new Map();
  agents = new Map();

  /** Applies an overview; answers "applied", "stale" (older than what is shown) or "gap" (ask for the whole picture). */
  apply(overview) {
    if (overview.full) {
      if (overview.epoch === this.epoch && overview.seq <= this.seq) return "stale";
      this.epoch = overview.epoch;
      this.seq = overview.seq;
      this.queues = new Map(overview.queues.map(q => [q.queue, q]));
      this.agents = new Map(overview.agents.map(a => [a.agentId, a]));
      return "applied";
    }
    if (overview.epoch !== this.epoch) return "gap";
    if (overview.seq <= this.seq) return "stale";
    if (overview.seq !== this.seq + 1) return "gap";
    this.seq = overview.seq;
    for (const queue of overview.queues) this.queues.set(queue.queue, queue);
    for (const agent of overview.agents) this.agents.set(agent.agentId, agent);
    return "applied";
  }
}
