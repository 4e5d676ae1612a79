// The admin's offer page: the active catalogue with what the learner knows per offer and channel (trials, successes,
// mean propensity α/(α+β)), publishing a new version as JSON (validation errors shown), and the versions.
import { element } from "/js/chat/dom.js";
import { authorization, problemOf } from "/js/chat/http.js";
import { applyTexts, locale, t } from "/js/i18n.js";
import { apiGet, showUser } from "/js/session.js";

const $ = id => document.getElementById(id);
const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
showUser($("user"));
applyTexts();

async function load() {
  $("status").textContent = "";
  try {
    const [active, posteriors, versions] = await Promise.all([
      apiGet("/api/nba/catalog"), apiGet("/api/nba/catalog/posteriors"), apiGet("/api/nba/catalog/versions")]);
    $("active-version").textContent = t("offerAdmin.offers.version", {
      version: active.version, by: active.publishedBy, at: new Date(active.publishedAt).toLocaleString(locale) });
    const rows = [];
    for (const offer of active.document.offers) {
      for (const p of posteriors.filter(x => x.offerId === offer.id)) {
        const alpha = 1 + p.successes, beta = 1 + p.trials - p.successes;
        const row = element("tr");
        for (const value of [offer.id, offer.tariff ?? "—", number.format(offer.businessValue * offer.lever), t(`nba.channel.${p.channel}`),
          number.format(p.trials), number.format(p.successes), number.format(alpha / (alpha + beta))]) {
          row.append(element("td", null, String(value)));
        }
        rows.push(row);
      }
    }
    $("offers").replaceChildren(...rows);
    if (!$("document").value) $("document").value = JSON.stringify(active.document, null, 2);
    $("versions").replaceChildren(...versions.map(v => element("li", null,
      t("offerAdmin.versions.entry", { version: v.version, by: v.publishedBy, at: new Date(v.publishedAt).toLocaleString(locale), offers: v.document.offers.length }))));
  } catch (error) {
    $("status").textContent = t("common.loadError", { message: error.message });
  }
}

async function publish() {
  $("publish-result").textContent = "";
  let document;
  try {
    document = JSON.parse($("document").value);
  } catch (error) {
    $("publish-result").textContent = t("offerAdmin.publish.notJson", { message: error.message });
    return;
  }
  const response = await fetch("/api/nba/catalog", {
    method: "PUT", headers: { ...authorization(), "Content-Type": "application/json" }, body: JSON.stringify(document) });
  if (!response.ok) {
    const problem = await problemOf(response);
    $("publish-result").textContent = t("offerAdmin.publish.refused", { message: problem.message });
    return;
  }
  const version = await response.json();
  $("publish-result").textContent = t("offerAdmin.publish.done", { version: version.version });
  await load();
}

$("refresh").addEventListener("click", load);
$("publish").addEventListener("click", publish);
await load();
