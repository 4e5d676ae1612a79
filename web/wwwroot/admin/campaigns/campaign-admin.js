// The admin's campaign page: the list of campaigns, a campaign's definition as JSON to edit and save, the lifecycle
// buttons, and the current run's live progress (GET /api/campaigns/{id}, polled while the page shows a campaign).
// The campaign in view is kept in the address (?campaign=id), so a reload shows it again.
import { authorization, problemOf } from "/js/chat/http.js";
import { locale, t } from "/js/i18n.js";
import { apiGet, showUser } from "/js/session.js";

const $ = id => document.getElementById(id);
const POLL_MS = 1000;
const number = new Intl.NumberFormat(locale);
const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
showUser($("user"));

let current = null; // campaign id in view
let pollTimer = null;

const sum = values => Object.values(values ?? {}).reduce((a, b) => a + b, 0);
const perKey = values => Object.entries(values ?? {}).map(([key, count]) => `${key}: ${number.format(count)}`).join(", ") || "0";

async function send(method, path, body) {
  const headers = { ...authorization() };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body });
  if (!response.ok) throw await problemOf(response);
  return response.json();
}

async function loadList() {
  const campaigns = await apiGet("/api/campaigns");
  const rows = campaigns.map(c => {
    const row = document.createElement("tr");
    const link = document.createElement("a");
    link.href = `?campaign=${encodeURIComponent(c.campaignId)}`;
    link.textContent = c.campaignId;
    link.addEventListener("click", event => { event.preventDefault(); show(c.campaignId); });
    const cells = [link, c.name, t(`campaignAdmin.status.${c.status}`), c.scheduleKind];
    for (const value of cells) {
      const cell = document.createElement("td");
      if (value instanceof Node) cell.append(value); else cell.textContent = value;
      row.append(cell);
    }
    return row;
  });
  $("campaigns").replaceChildren(...rows);
}

function showView(view, withDefinition) {
  $("campaign-status").textContent = t(`campaignAdmin.status.${view.status}`);
  $("campaign-status").dataset.status = view.status;
  $("campaign-version").textContent = view.version;
  if (withDefinition) $("definition").value = JSON.stringify(view.definition, null, 2);
  const run = view.currentRun;
  $("run").hidden = !run;
  if (!run) return;
  const fraction = run.status === "Completed" ? 1 : run.totalCustomers > 0 ? run.scanned / run.totalCustomers : 0;
  const value = Math.max(0, Math.min(1, fraction));
  $("run-progress").value = Math.round(value * 100);
  $("run-percent").textContent = percent.format(value).replace(/\u00a0/g, " ");
  $("run").dataset.status = run.status;
  $("run-status").textContent = t(`campaignAdmin.runStatus.${run.status}`);
  $("run-scanned").textContent = t("campaignAdmin.run.scannedOf", { scanned: number.format(run.scanned), total: number.format(run.totalCustomers) });
  $("run-targeted").textContent = number.format(run.targeted);
  $("run-control").textContent = number.format(run.controlGroup);
  $("run-contacted").textContent = `${number.format(sum(run.contacted))} (${perKey(run.contacted)})`;
  $("run-refused").textContent = `${number.format(sum(run.refused))} (${perKey(run.refused)})`;
  $("run-deferred").textContent = number.format(run.deferredByVolume);
}

async function poll() {
  clearTimeout(pollTimer);
  if (!current) return;
  try {
    showView(await apiGet(`/api/campaigns/${encodeURIComponent(current)}`), false);
  } catch (error) {
    $("status").textContent = error.message;
  }
  pollTimer = setTimeout(poll, POLL_MS);
}

async function show(id) {
  current = id;
  $("campaign-id").value = id;
  history.replaceState(null, "", `?campaign=${encodeURIComponent(id)}`);
  $("edit-error").textContent = "";
  try {
    showView(await apiGet(`/api/campaigns/${encodeURIComponent(id)}`), true);
    pollTimer = setTimeout(poll, POLL_MS);
  } catch (error) {
    $("edit-error").textContent = error.message;
  }
}

async function act(action) {
  $("edit-error").textContent = "";
  const id = $("campaign-id").value.trim();
  try {
    const view = action === "save"
      ? await send("PUT", `/api/campaigns/${encodeURIComponent(id)}`, $("definition").value)
      : await send("POST", `/api/campaigns/${encodeURIComponent(id)}/${action}`);
    current = id;
    history.replaceState(null, "", `?campaign=${encodeURIComponent(id)}`);
    showView(view, action === "save");
    await loadList();
    poll();
  } catch (error) {
    $("edit-error").textContent = error.message;
  }
}

$("load").addEventListener("click", () => show($("campaign-id").value.trim()));
for (const action of ["save", "activate", "pause", "complete"]) $(action).addEventListener("click", () => act(action));

try {
  await loadList();
  const wanted = new URLSearchParams(location.search).get("campaign");
  if (wanted) await show(wanted);
} catch (error) {
  $("status").textContent = error.message;
}
