// The supervisor page: connects to /hubs/supervisor, shows the whole picture (GetOverview) and applies each pushed
// change in order; a missed change (gap in seq, another epoch) fetches the whole picture again, and so does a slow
// refresh every 30 s (which also renews the server's push lease). A queue's waiting items on demand, reloaded when
// that queue changes; any waiting or assigned item can be reassigned to an agent or a team.
import { HubLink } from "/js/chat/connection.js";
import { errorText } from "/js/chat/hub-errors.js";
import { t } from "/js/i18n.js";
import { apiGet, currentSession, showUser } from "/js/session.js";
import { OverviewState } from "/js/supervision/overview-state.js";
import { mountReassignForm } from "/js/supervision/reassign.js";
import { reassignButton, renderAgents, renderItems, renderQueues, tickWaits } from "/js/supervision/view.js";

const REFRESH_MS = 30_000;

showUser(document.getElementById("user"));
const status = document.getElementById("supervisor-connection");
const errorLine = document.getElementById("supervisor-error");
const state = new OverviewState();
const link = (await isSupervisor()) ? new HubLink("/hubs/supervisor") : null;
let shownQueue = null;
const openReassign = mountReassignForm(
  () => {
    const agents = [...state.agents.keys()].sort();
    const teams = [...new Set([...state.agents.values()].map(a => a.team).filter(Boolean))].sort();
    return { agents, teams };
  },
  () => { if (shownQueue) showItems(shownQueue); });

async function isSupervisor() {
  if (!currentSession()) return false;
  try {
    return (await apiGet("/api/me/")).roles.includes("Supervisor");
  } catch {
    return false;
  }
}

function render() {
  renderQueues(state.queues, showItems);
  renderAgents(state.agents, openReassign);
}

async function showItems(queue) {
  shownQueue = queue;
  try {
    renderItems(queue, await link.invokeReliably("GetWaitingItems", queue), item => reassignButton(item.itemId, openReassign));
  } catch (error) {
    errorLine.textContent = errorText(error);
  }
}

let resyncing = null;

/** Fetches the whole picture (one call at a time). */
function resync() {
  resyncing ??= (async () => {
    try {
      if (state.apply(await link.invokeReliably("GetOverview")) === "applied") render();
      errorLine.textContent = "";
    } catch (error) {
      errorLine.textContent = errorText(error);
    } finally {
      resyncing = null;
    }
  })();
  return resyncing;
}

if (!link) {
  status.textContent = t(currentSession() ? "supervisor.notAllowed" : "common.signedOut");
  status.dataset.status = "refused";
} else {
  link.addEventListener("status", event => {
    status.dataset.status = event.detail;
    status.textContent = t(`chat.connection.${event.detail}`);
  });
  link.on("overview", overview => {
    const outcome = state.apply(overview);
    if (outcome === "gap") {
      resync();
      return;
    }
    if (outcome !== "applied") return;
    render();
    if (shownQueue && (overview.full || overview.queues.some(q => q.queue === shownQueue))) showItems(shownQueue);
  });
  link.addEventListener("open", () => {
    resync();
    if (shownQueue) showItems(shownQueue);
  });
  link.start();
  setInterval(() => { if (link.connected) resync(); }, REFRESH_MS);
  setInterval(tickWaits, 1000);
}
