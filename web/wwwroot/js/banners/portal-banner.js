// The next-best-action banner of the portal: asks GET /api/customer/banner for one offer (the decision id is this
// page view's, so a retried request reserves nothing more), shows it in the page's language and reports back what the
// person did: Impression when shown, Click on the action, Reject when closed. Each report has its own outcome id.
import { element } from "/js/chat/dom.js";
import { authorization } from "/js/chat/http.js";
import { lang, t } from "/js/i18n.js";
import { currentSession } from "/js/session.js";

const decisionId = crypto.randomUUID();

async function report(offer, outcome) {
  try {
    await fetch("/api/customer/banner/outcome", {
      method: "POST",
      headers: { ...authorization(), "Content-Type": "application/json" },
      body: JSON.stringify({ outcomeId: `${outcome}-${crypto.randomUUID()}`, decisionId, offerId: offer.offerId, outcome }),
    });
  } catch { /* a lost report costs one learning step, nothing more */ }
}

function render(offer) {
  const texts = lang === "en" ? offer.en : offer.de;
  const banner = element("aside", "card nba-banner");
  banner.id = "nba-banner";
  banner.setAttribute("aria-label", t("banner.label"));
  banner.dataset.offerId = offer.offerId;
  const action = element("button", "nba-banner-action", texts.action);
  action.type = "button";
  const close = element("button", "nba-banner-close", "×");
  close.type = "button";
  close.setAttribute("aria-label", t("banner.close"));
  banner.append(element("strong", null, texts.title), element("p", null, texts.text), action, close);
  action.addEventListener("click", async () => {
    await report(offer, "Click");
    banner.replaceChildren(element("p", null, t("banner.thanks")));
  });
  close.addEventListener("click", async () => {
    banner.remove();
    await report(offer, "Reject");
  });
  return banner;
}

export async function showBanner(container, placement) {
  if (!currentSession()) return;
  const response = await fetch(`/api/customer/banner?decisionId=${decisionId}&placement=${encodeURIComponent(placement)}`,
    { headers: authorization(), cache: "no-store" });
  if (!response.ok) return;
  const decision = await response.json();
  const offer = decision.offers?.[0];
  if (!offer) return;
  container.after(render(offer));
  await report(offer, "Impression");
}

const anchor = document.querySelector("main h1");
if (anchor) await showBanner(anchor, document.body.dataset.bannerPlacement ?? "portal-start");
