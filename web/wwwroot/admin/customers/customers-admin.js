// The admin's customer data page: upload a DWH extract (CSV) with the upload's progress (XMLHttpRequest upload
// events) or start a read of the source table, then the import's live progress (GET /api/dwh/imports/{id}, polled
// until it is done), its counts and rejected rows, and the recent imports. The import in view is kept in the address
// (?import=id), so a reload shows it again.
import { element } from "/js/chat/dom.js";
import { authorization, problemOf } from "/js/chat/http.js";
import { locale, t } from "/js/i18n.js";
import { apiGet, showUser } from "/js/session.js";

const $ = id => document.getElementById(id);
const POLL_MS = 500;
const number = new Intl.NumberFormat(locale);
const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
showUser($("user"));

let watching = null; // import id being polled

/** Starts an import of the configured source table; resolves its DwhImportView. */
async function startSource() {
  let response;
  try {
    response = await fetch("/api/dwh/imports/source", { method: "POST", headers: authorization() });
  } catch {
    throw new Error(t("common.offline"));
  }
  if (!response.ok) throw await problemOf(response);
  return response.json();
}

const formatTime = value => (value ? new Date(value).toLocaleString(locale) : "–");

/** POSTs the file as the request body with upload progress; resolves the DwhImportView of the accepted import. */
function upload(file, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/dwh/imports?fileName=${encodeURIComponent(file.name)}`);
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
  $("import-file").textContent = view.source === "SourceTable"
    ? t("dwhAdmin.import.source", { table: view.fileName })
    : t("dwhAdmin.import.file", { fileName: view.fileName, encoding: view.encoding || "–" });
  setProgress($("import-progress"), $("import-percent"), view.percent / 100);
  $("import-status").textContent = t(`dwhAdmin.importStatus.${view.status}`);
  $("import-rows").textContent = number.format(view.rows);
  $("import-inserted").textContent = number.format(view.inserted);
  $("import-updated").textContent = number.format(view.updated);
  $("import-unchanged").textContent = number.format(view.unchanged);
  $("import-rejected").textContent = number.format(view.rejected);
  $("import-failure").textContent = view.failure ?? "";
}

async function loadRejections(importId, rejected) {
  $("import-errors-box").hidden = rejected === 0;
  if (rejected === 0) return;
  const rows = await apiGet(`/api/dwh/imports/${importId}/rejections?offset=0&max=500`);
  $("import-errors").replaceChildren(...rows.map(rejection => {
    const row = element("tr");
    row.append(element("td", null, String(rejection.rowNumber)), element("td", null, rejection.column ?? "–"), element("td", null, rejection.reason));
    return row;
  }));
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
      view = await apiGet(`/api/dwh/imports/${importId}`);
    } catch (error) {
      $("status").textContent = t("dwhAdmin.loadError", { message: error.message });
      if (error.sessionRefused) return;
      await new Promise(resolve => setTimeout(resolve, POLL_MS * 4));
      continue;
    }
    $("status").textContent = "";
    showImport(view);
    if (view.status === "Completed" || view.status === "Failed") {
      try {
        await loadRejections(importId, view.rejected);
      } catch (error) {
        $("status").textContent = t("dwhAdmin.loadError", { message: error.message });
      }
      await loadRecent();
      return;
    }
    await new Promise(resolve => setTimeout(resolve, POLL_MS));
  }
}

async function loadRecent() {
  try {
    const imports = await apiGet("/api/dwh/imports");
    $("recent").replaceChildren(...imports.map(view => {
      const row = element("tr");
      row.dataset.importId = view.importId;
      const link = element("a", null, view.fileName);
      link.href = `?import=${view.importId}`;
      link.addEventListener("click", event => {
        event.preventDefault();
        $("import-errors-box").hidden = true;
        follow(view.importId);
      });
      const name = element("td");
      name.append(link);
      row.append(element("td", null, formatTime(view.startedAt)), name, element("td", null, t(`dwhAdmin.importStatus.${view.status}`)),
        element("td", null, number.format(view.rows)), element("td", null, number.format(view.rejected)));
      return row;
    }));
  } catch (error) {
    $("status").textContent = t("dwhAdmin.loadError", { message: error.message });
  }
}

$("upload-form").addEventListener("submit", async event => {
  event.preventDefault();
  const file = $("upload-file").files?.[0];
  $("upload-error").textContent = "";
  if (!file) {
    $("upload-error").textContent = t("dwhAdmin.upload.noFile");
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
    $("import-errors-box").hidden = true;
    follow(view.importId);
  } catch (error) {
    $("upload-error").textContent = error.message;
  } finally {
    button.disabled = false;
  }
});

$("source-button").addEventListener("click", async () => {
  $("upload-error").textContent = "";
  try {
    const view = await startSource();
    showImport(view);
    $("import-errors-box").hidden = true;
    follow(view.importId);
  } catch (error) {
    $("upload-error").textContent = error.message;
  }
});
$("recent-refresh").addEventListener("click", () => loadRecent());

loadRecent();
const wanted = new URLSearchParams(location.search).get("import");
if (wanted && /^[0-9a-fA-F-]{32,36}$/.test(wanted)) follow(wanted);
