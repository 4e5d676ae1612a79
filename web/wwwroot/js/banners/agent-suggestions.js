// Suggestions of the next best action in the agent desktop's customer panel: up to three offers for the person in
// view (GET /api/agent/customers/{kvnr}/offers, audited on the server), each with "accepted" and "declined" buttons
// that report the outcome. Asked once per person and page view, so re-rendering the panel reserves nothing more.
import { element } from "/js/chat/dom.js";
import { authorization } from "/js/chat/http.js";
import { lang, t } from "/js/i18n.js";

const decisions = new Map(); // kvnr → Promise of the decision

function load(kvnr) {
  if (!decisions.has(kvnr)) {
    decisions.set(kvnr, fetch(`/api/agent/customers/${encodeURIComponent(kvnr)}/offers?decisionId=${crypto.randomUUID()}`,
      { headers: authorization(), cache: "no-store" })
      .then(r => (r.ok ? r.json() : null))
      .catch(() => null));
  }
  return decisions.get(kvnr);
}

async function report(kvnr, decisionId, offerId, outcome) {
  const response = await fetch(`/api/agent/customers/${encodeURIComponent(kvnr)}/offers/outcome`, {
    method: "POST",
    headers: { ...authorization(), "Content-Type": "application/json" },
    body: JSON.stringify({ outcomeId: `${outcome}-${offerId}`, decisionId, offerId, outcome }),
  });
  return response.ok;
}

/** A section for the customer panel; fills itself when the suggestions arrive. */
export function agentSuggestions(kvnr) {
  const part = element("section", "ws-customer-section nba-suggestions");
  part.append(element("h3", null, t("nba.suggestions.title")));
  const list = element("ul");
  part.append(list);
  load(kvnr).then(decision => {
    if (!decision?.offers?.length) {
      list.replaceWith(element("p", "ws-hint", t("nba.suggestions.none")));
      return;
    }
    for (const offer of decision.offers) {
      const texts = lang === "en" ? offer.en : offer.de;
      const item = element("li", null);
      item.dataset.offerId = offer.offerId;
      const accept = element("button", null, t("nba.suggestions.accept"));
      const reject = element("button", null, t("nba.suggestions.reject"));
      for (const [button, outcome] of [[accept, "Accept"], [reject, "Reject"]]) {
        button.type = "button";
        button.addEventListener("click", async () => {
          accept.disabled = reject.disabled = true;
          const done = await report(kvnr, decision.decisionId, offer.offerId, outcome);
          item.append(element("span", "ws-hint", done ? t(`nba.suggestions.${outcome.toLowerCase()}ed`) : t("nba.suggestions.failed")));
        });
      }
      item.append(element("strong", null, texts.title), element("span", null, ` ${texts.text} `), accept, reject);
      list.append(item);
    }
  });
  return part;
}
