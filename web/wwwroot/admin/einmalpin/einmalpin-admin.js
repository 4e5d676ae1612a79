// The admin's EinmalPIN page: upload a print data stream (CSV) with the upload's progress (XMLHttpRequest upload
// events), then the import's live progress (GET /api/einmalpin/imports/{id}, polled until it is done), its rejected
// rows, the letter batch of the import, and the counts per status with the STP rate. The import in view is kept in the
// address (?import=id), so a reload shows it again.
import { element } from "/js/chat/dom.js";
import { authorization } from "/js/chat/http.js";
import { locale, t } from "/js/i18n.js";
import { apiGet, showUser } from "/js/session.js";

const $ = id => document.getElementById(id);
const POLL_MS = 500;
const STATUSES = ["Imported", "LetterExported", "Opened", "Submitted", "ClosedAutomatically", "WithClerk", "ClosedByClerk", "Expired"];
const number = new Intl.NumberFormat(locale);
const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
showUser($("user"));

let watching = null; // import id being polled

function formatBytes(bytes) {
  if (bytes >= 1024 * 1024) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MiB`;
  if (bytes >= 1024) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1024)} KiB`;
  return `${number.format(bytes)} B`;
}

const formatTime = value => (value ? new Date(value).toLocaleString(locale) : "–");

/** POSTs the file as the request body with upload progress; resolves the PinImportView of the accepted import. */
function upload(file, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/einmalpin/imports?fileName=${encodeURIComponent(file.name)}`);
    for (const [name, value] of Object.entries(authorization())) request.setRequestHeader(name, value);
    request.setRequestHeader("Content-Type", "text/csv");
    request.responseType = "json";
    request.upload.addEventListener("progress", event => { if (event.lengthComputable) onProgress(event.loaded, event.total); });
    request.addEventListener("load", () => {
      if (request.status >= 200 && request.status < 300) resolve(request.response);
      else reject(new Error(request.response?.detail ?? request.response?.title ?? t("http.other", { status: request.status })));
    });
    request.addEventListener("error", () => reject(new Error(t("common.offline"))));
    request.send(file);
  });
}

function setProgress(bar, label, fraction) {
  const value = Math.max(0, Math.min(1, fraction));
  bar.value = Math.round(value * 100);
  bar.setAttribute("aria-valuetext", percent.format(value));
  label.textContent = percent.format(value).replace(/\u00a0/g, " ");
}

function showImport(view) {
  $("import").hidden = false;
  $("import").dataset.importId = view.importId;
  $("import").dataset.status = view.status;
  $("import-file").textContent = t("pinAdmin.import.file", { fileName: view.fileName, encoding: view.encoding || "–" });
  const done = view.status === "Completed";
  setProgress($("import-progress"), $("import-percent"), done ? 1 : view.bytes > 0 ? view.bytesRead / view.bytes : 0);
  $("import-status").textContent = t(`pinAdmin.importStatus.${view.status}`);
  $("import-bytes").textContent = t("pinAdmin.import.bytesOf", { read: formatBytes(view.bytesRead), total: formatBytes(view.bytes) });
  $("import-rows").textContent = number.format(view.rows);
  $("import-imported").textContent = number.format(view.imported);
  $("import-existing").textContent = number.format(view.existing);
  $("import-rejected").textContent = number.format(view.rejected);
  $("import-failure").textContent = view.failure ?? "";
}

async function loadErrors(importId, rejected) {
  $("import-errors-box").hidden = rejected === 0;
  if (rejected === 0) return;
  const errors = await apiGet(`/api/einmalpin/imports/${importId}/errors?offset=0&max=500`);
  $("import-errors").replaceChildren(...errors.map(error => {
    const row = element("tr");
    row.append(element("td", null, String(error.rowNumber)), element("td", null, error.column ?? "–"), element("td", null, error.reason));
    return row;
  }));
}

function showBatch(batch) {
  $("batch").hidden = false;
  $("batch").dataset.status = batch.status;
  $("batch-letters").textContent = number.format(batch.letters);
  $("batch-status").textContent = t(`pinAdmin.batchStatus.${batch.status}`);
  $("batch-until").textContent = batch.status === "Purged" ? t("pinAdmin.batch.purged", { at: formatTime(batch.purgedAt) }) : formatTime(batch.availableUntil);
  const base = `/api/einmalpin/letter-batches/${encodeURIComponent(batch.batchId)}`;
  $("batch-csv").textContent = `GET ${base}/print.csv`;
  $("batch-pdf").textContent = `GET ${base}/print.pdf`;
}

async function followBatch(batchId) {
  // An import without new cases has no letters: after a while without a batch the page stops asking.
  for (let missing = 0; missing < 20;) {
    let batch;
    try {
      batch = await apiGet(`/api/einmalpin/letter-batches/${encodeURIComponent(batchId)}`);
    } catch {
      // Not there yet, or not reachable: ask again shortly.
      batch = null;
      missing++;
    }
    if (batch) showBatch(batch);
    if (batch && batch.status !== "Running") return;
    if (watching === null) return;
    await new Promise(resolve => setTimeout(resolve, POLL_MS * 2));
  }
}

async function follow(importId) {
  watching = importId;
  const url = new URL(location.href);
  url.searchParams.set("import", importId);
  history.replaceState(null, "", url.href);
  for (;;) {
    if (watching !== importId) return;
    let view;
    try {
      view = await apiGet(`/api/einmalpin/imports/${importId}`);
    } catch (error) {
      $("status").textContent = t("pinAdmin.loadError", { message: error.message });
      if (error.sessionRefused) return;
      await new Promise(resolve => setTimeout(resolve, POLL_MS * 4));
      continue;
    }
    $("status").textContent = "";
    showImport(view);
    if (view.status === "Completed" || view.status === "Failed") {
      try {
        await loadErrors(importId, view.rejected);
      } catch (error) {
        $("status").textContent = t("pinAdmin.loadError", { message: error.message });
      }
      await loadCounts();
      await followBatch(view.letterBatchId || `import-${importId.replaceAll("-", "")}`);
      await loadCounts();
      return;
    }
    await new Promise(resolve => setTimeout(resolve, POLL_MS));
  }
}

async function loadCounts() {
  try {
    const counts = await apiGet("/api/einmalpin/counts");
    const byStatus = counts.byStatus ?? {};
    $("counts").replaceChildren(...STATUSES.map(status => {
      const row = element("tr");
      row.dataset.status = status;
      row.append(element("td", null, t(`pinAdmin.caseStatus.${status}`)), element("td", "pin-count", number.format(byStatus[status] ?? 0)));
      return row;
    }));
    $("counts-total").textContent = number.format(counts.total ?? 0);
    $("counts-stp").textContent = percent.format(counts.stpRate ?? 0).replace(/\u00a0/g, " ");
  } catch (error) {
    $("status").textContent = t("pinAdmin.loadError", { message: error.message });
  }
}

$("upload-form").addEventListener("submit", async event => {
  event.preventDefault();
  const file = $("upload-file").files?.[0];
  $("upload-error").textContent = "";
  if (!file) {
    $("upload-error").textContent = t("pinAdmin.upload.noFile");
    $("upload-file").focus();
    return;
  }
  const button = $("upload-button");
  button.disabled = true;
  $("upload-row").hidden = false;
  setProgress($("upload-progress"), $("upload-percent"), 0);
  try {
    const view = await upload(file, (loaded, total) => setProgress($("upload-progress"), $("upload-percent"), total ? loaded / total : 0));
    setProgress($("upload-progress"), $("upload-percent"), 1);
    showImport(view);
    $("batch").hidden = true;
    $("import-errors-box").hidden = true;
    follow(view.importId);
  } catch (error) {
    $("upload-error").textContent = error.message;
  } finally {
    button.disabled = false;
  }
});
$("counts-refresh").addEventListener("click", () => loadCounts());

loadCounts();
const wanted = new URLSearchParams(location.search).get("import");
if (wanted && /^[0-9a-fA-F-]{32,36}$/.test(wanted)) follow(wanted);
