// A repeating group (e.g. witnesses): one fieldset per row with the row's fields (field-view.js, paths
// "groupId[rowId].fieldId"), "Entfernen" per row and the add button. Which rows exist is the group's value in the
// server's state (an array of row ids); adding and removing are edits the page sends (onAddRow, onRemoveRow).
import { element } from "/js/chat/dom.js";
import { t } from "/js/i18n.js";
import { createFieldView } from "./field-view.js";
import { localized, rowFieldPath, rowIds } from "./paths.js";

/**
 * options: those of createFieldView plus onAddRow(groupId), onRemoveRow(groupId, rowId).
 * Returns { element, path, apply(states, keep, notices, showMissing), fieldViews(), focus(), invalid }.
 */
export function createRepeatingGroupView(field, options) {
  const { language } = options;
  const root = element("fieldset", "form-field form-group");
  root.dataset.path = field.id;
  root.dataset.type = field.type;
  const legend = element("legend", "form-label", localized(field.label, language));
  const helpText = localized(field.help, language);
  const help = element("p", "form-help", helpText);
  help.hidden = !helpText;
  const list = element("ol", "form-rows");
  const add = element("button", "secondary form-add-row", localized(field.addLabel, language) || t("forms.addRow"));
  add.type = "button";
  add.addEventListener("click", () => options.onAddRow(field.id));
  const error = element("p", "form-error error");
  error.hidden = true;
  root.append(legend, help, list, add, error);
  root.addEventListener("focusin", event => { if (event.target === add) options.onFocus(field.id); });

  // rowId -> { element, remove, views: [field views] }
  const rows = new Map();

  function createRow(rowId) {
    const item = element("li", "form-row");
    item.dataset.rowId = rowId;
    const set = element("fieldset", "form-row-fields");
    const caption = element("legend", "form-row-title");
    set.append(caption);
    const views = (field.fields ?? []).map(child => createFieldView(child, rowFieldPath(field.id, rowId, child.id), options));
    for (const view of views) set.append(view.element);
    const remove = element("button", "secondary form-remove-row", t("forms.removeRow"));
    remove.type = "button";
    remove.addEventListener("click", () => options.onRemoveRow(field.id, rowId));
    set.append(remove);
    item.append(set);
    return { element: item, caption, remove, views };
  }

  function apply(states, keep, notices, showMissing = false) {
    const own = states.get(field.id);
    root.hidden = !own || own.visible === false;
    if (!own) return;
    const ids = rowIds(own.value);
    for (const [rowId, row] of rows) {
      if (!ids.includes(rowId)) {
        row.element.remove();
        rows.delete(rowId);
      }
    }
    let previous = null;
    ids.forEach((rowId, index) => {
      let row = rows.get(rowId);
      if (!row) {
        row = createRow(rowId);
        rows.set(rowId, row);
      }
      const expected = previous ? previous.nextSibling : list.firstChild;
      if (expected !== row.element) list.insertBefore(row.element, expected);
      previous = row.element;
      row.caption.textContent = t("forms.row", { number: index + 1 });
      row.remove.setAttribute("aria-label", t("forms.removeRowNumber", { number: index + 1 }));
      const disabled = options.readOnly || own.enabled === false;
      row.remove.disabled = disabled || ids.length <= (field.minRows ?? 0);
      for (const view of row.views) {
        view.apply(states.get(view.path) ?? { visible: true, enabled: !disabled, value: null },
          { keepValue: keep.has(view.path), notice: notices.get(view.path), showMissing });
      }
    });
    add.disabled = options.readOnly || own.enabled === false || ids.length >= (field.maxRows ?? 50);
    const missing = showMissing && own.visible !== false && own.required && ids.length === 0;
    const errorText = localized(own.error, language) || (missing ? t("forms.missing") : "");
    error.textContent = errorText;
    error.hidden = !errorText;
    root.dataset.invalid = String(Boolean(errorText));
  }

  return {
    element: root,
    path: field.id,
    apply,
    fieldViews: () => [...rows.values()].flatMap(r => r.views),
    focus() { (rows.values().next().value?.views[0] ?? { focus: () => add.focus() }).focus(); },
    get invalid() { return !error.hidden || [...rows.values()].some(r => r.views.some(v => v.invalid)); },
  };
}
