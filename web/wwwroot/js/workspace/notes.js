// Internal notes on the selected work item: staff only (AddNote/ListNotes on the agent hub); the customer never sees
// them. A note is sent with a client-chosen id, so a retry after a lost answer stores it once.
import { t } from "/js/i18n.js";
import { element, formatDateTime } from "/js/chat/dom.js";
import { errorText } from "/js/chat/hub-errors.js";
import { newId } from "/js/chat/ids.js";

/** Binds the notes part (#notes-list, #notes-form, #notes-input, #notes-error) to the client; returns show(itemId). */
export function createNotes(root, client) {
  const list = root.querySelector("#notes-list");
  const form = root.querySelector("#notes-form");
  const input = root.querySelector("#notes-input");
  const error = root.querySelector("#notes-error");
  let current = null;

  function render(notes) {
    list.replaceChildren(...(notes.length === 0
      ? [element("li", "ws-hint", t("ws.notes.none"))]
      : notes.map(note => {
        const row = element("li", "ws-note");
        row.append(element("span", "ws-note-meta", `${note.authorName} · ${formatDateTime(note.at)}`), element("span", "ws-note-text", note.text));
        return row;
      })));
  }

  async function show(itemId) {
    current = itemId;
    error.textContent = "";
    root.hidden = !itemId;
    if (!itemId) return;
    try {
      const notes = await client.invokeReliably("ListNotes", itemId);
      if (current === itemId) render(notes);
    } catch (e) {
      if (current === itemId) error.textContent = errorText(e);
    }
  }

  form.addEventListener("submit", async event => {
    event.preventDefault();
    const text = input.value.trim();
    if (!current || !text) return;
    const button = form.querySelector("button");
    button.disabled = true;
    error.textContent = "";
    try {
      await client.invokeReliably("AddNote", current, newId(), text);
      input.value = "";
      await show(current);
    } catch (e) {
      error.textContent = errorText(e);
    } finally {
      button.disabled = false;
    }
  });

  return { show };
}
