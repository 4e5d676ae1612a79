// When to try again: after a lost connection and after a call the server could not serve for a moment (UNAVAILABLE).

// Delays between attempts; the last one repeats forever (a little jitter spreads a silo's clients).
const RETRY_DELAYS_MS = [0, 1000, 2000, 3000, 5000];

/** The delay before attempt number `attempt` (0: at once). */
export function retryDelay(attempt) {
  const base = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)];
  return base === 0 ? 0 : base + Math.floor(Math.random() * 500);
}

export const delay = ms => new Promise(resolve => setTimeout(resolve, ms));
