// Admin page "Kontaktregeln": the active contact policy version, all versions (each one's JSON on request), and a JSON
// editor to publish a new version; the server's validation reasons are listed one per line. Talks only to
// /api/admin/contact-policy; every piece of data reaches the page through textContent.
import { locale, t } from "/js/i18n.js";
import { apiGet, currentSession, sessionRefused, showUser } from "/js/session.js";
import { problemOf } from "/js/chat/http.js";

const $ = id => document.getElementById(id);
const PATH = "/api/admin/contact-policy";
showUser($("user"));

let versions = [];

const formatTime = value => (value ? new Date(value).toLocaleString(locale) : "–");
const pretty = document => JSON.stringify(document, null, 2);
const ruleCount = d => (d.limits?.length ?? 0) + (d.suppressions?.length ?? 0) + (d.quietPeriods?.length ?? 0);

function el(tag, text) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function showOverview(overview) {
  versions = overview.versions;
  const active = overview.active;
  $("active-summary").textContent = t("policyAdmin.active.summary", {
    version: active.version, at: formatTime(active.publishedAt), by: active.publishedBy, rules: ruleCount(active.document),
  });
  $("active-summary").dataset.version = String(active.version);
  $("versions").replaceChildren(...versions.map(version => {
    const row = el("tr");
    row.dataset.version = String(version.version);
    row.append(el("td", version.version), el("td", formatTime(version.publishedAt)), el("td", version.publishedBy), el("td", ruleCount(version.document)));
    const show = el("button", t("policyAdmin.versions.show"));
    show.type = "button";
    show.className = "secondary";
    show.addEventListener("click", () => {
      $("version-document").hidden = false;
      $("version-document").textContent = pretty(version.document);
    });
    const cell = el("td");
    cell.append(show);
    row.append(cell);
    return row;
  }));
}

async function load(fillEditor) {
  try {
    const overview = await apiGet(PATH);
    showOverview(overview);
    if (fillEditor) $("document").value = pretty(overview.active.document);
    $("status").textContent = "";
  } catch (error) {
    $("status").textContent = t("common.loadError", { message: error.message });
  }
}

function showErrors(reasons) {
  $("publish-errors-box").hidden = reasons.length === 0;
  $("publish-errors").replaceChildren(...reasons.map(reason => el("li", reason)));
}

/** The server names every problem in one text ("…: a; b; c."): one line each. */
function reasonsOf(detail) {
  const text = detail.includes(": ") ? detail.slice(detail.indexOf(": ") + 2) : detail;
  return text.replace(/\.$/, "").split("; ").filter(reason => reason.length > 0);
}

async function publish() {
  $("publish-result").textContent = "";
  showErrors([]);
  let document;
  try {
    document = JSON.parse($("document").value);
  } catch (error) {
    showErrors([t("policyAdmin.publish.notJson", { message: error.message })]);
    return;
  }
  const session = currentSession();
  const headers = { "Content-Type": "application/json" };
  if (session) headers.Authorization = `Bearer ${session.accessToken}`;
  $("publish").disabled = true;
  try {
    const response = await fetch(PATH, { method: "PUT", headers, body: JSON.stringify(document) });
    if (response.status === 401) sessionRefused();
    if (!response.ok) {
      const problem = await problemOf(response);
      showErrors(reasonsOf(problem.message));
      return;
    }
    const version = await response.json();
    $("publish-result").textContent = t("policyAdmin.publish.done", { version: version.version });
    await load(false);
  } catch (error) {
    showErrors([error.message]);
  } finally {
    $("publish").disabled = false;
  }
}

$("publish").addEventListener("click", publish);
$("reset").addEventListener("click", () => load(true));
await load(true);
