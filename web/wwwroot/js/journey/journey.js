// Journey events from the portal (docs/campaigns.md, "Journey events and success"): a PageView for every portal page
// (its path only, never the query or fragment), and the tariff steps wherever the page marks them:
//   <a data-journey-kind="TariffSelected" data-journey-tariff="Krankengeld">…</a>   sent on click
//   <section data-journey-view="Krankengeld">…</section>                             TariffViewed once it is seen
// Each event carries a new id; a retry after a lost answer sends the same id, so the server stores it once. Best
// effort: the page never waits for it and shows nothing when it fails.
import { authorization } from "/js/chat/http.js";
import { newId } from "/js/chat/ids.js";

const ENDPOINT = "/api/customer/journey";
const RETRY_MS = 2000;

/** Sends one journey event of the signed-in insured person (tariff null for a PageView); resolves the server's answer or null. */
export async function trackJourney(kind, tariff = null, eventId = newId()) {
  const headers = authorization();
  if (!headers.Authorization) return null;
  const body = JSON.stringify({ eventId, kind, tariff, page: location.pathname, channel: "portal" });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const response = await fetch(ENDPOINT, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body, keepalive: true });
      return response.ok ? await response.json() : null;
    } catch {
      await new Promise(resolve => setTimeout(resolve, RETRY_MS)); // offline for a moment: once more, same id
    }
  }
  return null;
}

document.addEventListener("click", event => {
  const marked = event.target instanceof Element ? event.target.closest("[data-journey-kind]") : null;
  if (marked) trackJourney(marked.dataset.journeyKind, marked.dataset.journeyTariff || null);
});

const seen = new WeakSet();
const views = "IntersectionObserver" in window
  ? new IntersectionObserver(entries => {
    for (const entry of entries) {
      if (!entry.isIntersecting || seen.has(entry.target)) continue;
      seen.add(entry.target);
      views.unobserve(entry.target);
      trackJourney("TariffViewed", entry.target.dataset.journeyView);
    }
  }, { threshold: 0.5 })
  : null;

/** Watches the elements marked data-journey-view under root (call again for content added later, e.g. a banner). */
export function watchTariffViews(root = document) {
  if (!views) return;
  for (const element of root.querySelectorAll("[data-journey-view]")) views.observe(element);
}

watchTariffViews();
new MutationObserver(() => watchTariffViews()).observe(document.body, { childList: true, subtree: true });
trackJourney("PageView");
