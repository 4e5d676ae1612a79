// Putting the selected item on hold and back (POST /api/agent/work-items/{itemId}/hold | resume, see docs/routing.md):
// the agent keeps the item and its capacity; the answer is the item as it stands now.
import { authorization, problemOf } from "/js/chat/http.js";
import { t } from "/js/i18n.js";

/** Binds #item-hold: selectedItem() gives the item view shown; onChanged(view) gets the item after the change. */
export function bindHoldButton(selectedItem, onChanged, showError) {
  const button = document.getElementById("item-hold");
  button.addEventListener("click", async () => {
    const item = selectedItem();
    if (!item) return;
    const action = item.status === "OnHold" ? "resume" : "hold";
    button.disabled = true;
    try {
      const response = await fetch(`/api/agent/work-items/${encodeURIComponent(item.id)}/${action}`, {
        method: "POST",
        headers: authorization(),
      });
      if (!response.ok) throw await problemOf(response);
      onChanged(await response.json());
    } catch (e) {
      showError(e?.message ?? t("chat.offline"));
    } finally {
      button.disabled = false;
    }
  });
}

/** The button's label for an item: put on hold, or resume one that is on hold. */
export function holdLabel(item) {
  return t(item?.status === "OnHold" ? "ws.item.resume" : "ws.item.hold");
}
