// Reassigning a work item (supervisors): POST /api/supervisor/work-items/{id}/reassign with exactly one target, an
// agent or a team, and a note. The form lists the agents and teams the supervisor view knows.
import { httpStatusText, problemCode, serverTitle, t, tOr } from "/js/i18n.js";
import { currentSession } from "/js/session.js";

/** Sends the reassignment; resolves with the item's view, or throws an Error whose message is for display. */
export async function reassign(itemId, target, note) {
  const body = target.startsWith("agent:")
    ? { toAgentId: target.slice(6), toTeam: null, note }
    : { toAgentId: null, toTeam: target.slice(5), note };
  let response;
  try {
    response = await fetch(`/api/supervisor/work-items/${encodeURIComponent(itemId)}/reassign`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${currentSession()?.accessToken ?? ""}` },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Error(t("common.offline"));
  }
  if (response.ok) return response.json();
  let problem = null;
  try { problem = await response.json(); } catch { /* no problem body */ }
  const code = problemCode(problem);
  const text = problem?.detail ?? serverTitle(problem) ?? httpStatusText(response.status);
  throw new Error(code ? tOr(`problem.${code}`, text) : text);
}

/**
 * Wires the form in #reassign. targets() gives { agents: [agentId], teams: [team] } at the moment the form opens;
 * done() is called after a reassignment went through. Returns open(itemId).
 */
export function mountReassignForm(targets, done) {
  const section = document.getElementById("reassign");
  const form = document.getElementById("reassign-form");
  const select = document.getElementById("reassign-target");
  const note = document.getElementById("reassign-note");
  const status = document.getElementById("reassign-status");
  let itemId = null;

  const group = (label, values, prefix, text) => {
    const optgroup = document.createElement("optgroup");
    optgroup.label = label;
    optgroup.append(...values.map(value => new Option(text(value), prefix + value)));
    return optgroup;
  };

  document.getElementById("reassign-cancel").addEventListener("click", () => { section.hidden = true; });
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    status.textContent = "";
    try {
      await reassign(itemId, select.value, note.value);
      status.textContent = t("supervisor.reassigned", { item: itemId });
      form.hidden = true;
      done();
    } catch (error) {
      status.textContent = error.message;
    } finally {
      button.disabled = false;
    }
  });

  return id => {
    itemId = id;
    const { agents, teams } = targets();
    select.replaceChildren(
      group(t("supervisor.agents"), agents, "agent:", value => value),
      group(t("supervisor.teams"), teams, "team:", value => t("supervisor.queueTeam", { name: value })));
    note.value = "";
    status.textContent = "";
    document.getElementById("reassign-title").textContent = t("supervisor.reassignItem", { item: id });
    form.hidden = false;
    section.hidden = false;
    select.focus();
  };
}
