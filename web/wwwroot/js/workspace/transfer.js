// Handing the selected item on (POST /api/agent/work-items/{itemId}/transfer, see docs/routing.md): to a colleague by
// agent id (offered to them only) or to a team, with a note for whoever takes it.
import { authorization, problemOf } from "/js/chat/http.js";
import { t } from "/js/i18n.js";

/** Binds the transfer form (#transfer-form: #transfer-kind, #transfer-target, #transfer-note, #transfer-error). */
export function bindTransferForm(selectedItem, onTransferred) {
  const form = document.getElementById("transfer-form");
  const error = document.getElementById("transfer-error");
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const itemId = selectedItem();
    const target = form.querySelector("#transfer-target").value.trim();
    const note = form.querySelector("#transfer-note").value.trim();
    error.textContent = "";
    if (!itemId || !target) return;
    const toAgent = form.querySelector("#transfer-kind").value === "agent";
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      const response = await fetch(`/api/agent/work-items/${encodeURIComponent(itemId)}/transfer`, {
        method: "POST",
        headers: { ...authorization(), "Content-Type": "application/json" },
        body: JSON.stringify({ toAgentId: toAgent ? target : null, toTeam: toAgent ? null : target, note: note || null }),
      });
      if (!response.ok) throw await problemOf(response);
      form.reset();
      await onTransferred(itemId);
    } catch (e) {
      error.textContent = e?.message ?? t("chat.offline");
    } finally {
      button.disabled = false;
    }
  });
}
