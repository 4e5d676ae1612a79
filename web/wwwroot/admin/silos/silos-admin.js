// The admin's silo page: the cluster's silos with status, uptime, activations, gateway connections per hub, CPU and
// memory (GET /api/admin/silos, refreshed every two seconds), and a drain (graceful shutdown) per active silo
// (POST /api/admin/silos/drain with a fresh idempotency key per confirmed click).
import { element } from "/js/chat/dom.js";
import { authorization, problemOf } from "/js/chat/http.js";
import { locale, t } from "/js/i18n.js";
import { apiGet, showUser } from "/js/session.js";

const $ = id => document.getElementById(id);
const REFRESH_MS = 2000;
const number = new Intl.NumberFormat(locale);
const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
showUser($("user"));

function formatUptime(seconds) {
  if (seconds == null) return "–";
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return t("silos.uptimeDays", { days, hours });
  if (hours > 0) return t("silos.uptimeHours", { hours, minutes });
  return t("silos.uptimeMinutes", { minutes, seconds: seconds % 60 });
}

const formatMemory = bytes => (bytes == null ? "–" : `${oneDecimal.format(bytes / (1024 * 1024))} MiB`);
const formatCpu = percent => (percent == null ? "–" : `${oneDecimal.format(percent)} %`);

function formatConnections(silo) {
  if (silo.connections == null) return "–";
  const hubs = Object.entries(silo.connectionsByHub ?? {}).map(([hub, count]) => `${hub.replace(/Hub$/, "")} ${number.format(count)}`);
  return hubs.length === 0 ? "0" : `${number.format(silo.connections)} (${hubs.join(", ")})`;
}

async function drain(silo, button) {
  if (!confirm(t("silos.drainConfirm", { name: silo.name }))) return;
  button.disabled = true;
  $("status").textContent = "";
  try {
    let response;
    try {
      response = await fetch("/api/admin/silos/drain", {
        method: "POST",
        headers: { ...authorization(), "Content-Type": "application/json" },
        body: JSON.stringify({ silo: silo.address, drainId: crypto.randomUUID() }),
      });
    } catch {
      throw new Error(t("common.offline"));
    }
    if (!response.ok) throw await problemOf(response);
    $("status").className = "";
    $("status").dataset.kind = "drain";
    $("status").textContent = t("silos.drainStarted", { name: silo.name });
  } catch (error) {
    $("status").className = "error";
    $("status").dataset.kind = "drain";
    $("status").textContent = t("silos.drainError", { message: error.message });
    button.disabled = false;
  }
}

function row(silo) {
  const tr = element("tr");
  tr.dataset.silo = silo.address;
  tr.dataset.status = silo.status;
  const status = t(`silos.statusName.${silo.status}`);
  tr.append(
    element("td", null, silo.name),
    element("td", null, silo.address),
    element("td", null, status.startsWith("silos.") ? silo.status : status),
    element("td", null, formatUptime(silo.uptimeSeconds)),
    element("td", null, silo.activations == null ? "–" : number.format(silo.activations)),
    element("td", "silo-connections", formatConnections(silo)),
    element("td", null, formatCpu(silo.cpuPercent)),
    element("td", null, formatMemory(silo.memoryBytes)));
  const action = element("td");
  if (silo.status === "Active") {
    const button = element("button", "secondary", t("silos.drain"));
    button.type = "button";
    button.addEventListener("click", () => drain(silo, button));
    action.append(button);
  }
  tr.append(action);
  return tr;
}

async function refresh() {
  try {
    const silos = await apiGet("/api/admin/silos");
    $("silos").replaceChildren(...silos.map(row));
    if ($("status").className === "error" && $("status").dataset.kind === "load") $("status").textContent = "";
  } catch (error) {
    $("status").className = "error";
    $("status").dataset.kind = "load";
    $("status").textContent = t("common.loadError", { message: error.message });
    if (error.sessionRefused) return;
  }
  setTimeout(refresh, REFRESH_MS);
}

refresh();
