// Paths of form fields as the server names them (docs/forms.md): "fieldId", a repeating group "groupId", one of its
// rows "groupId[rowId]", a row's field "groupId[rowId].fieldId". Also the localized texts of the client definition.
import { lang } from "/js/i18n.js";

export const rowPath = (groupId, rowId) => `${groupId}[${rowId}]`;

export const rowFieldPath = (groupId, rowId, fieldId) => `${groupId}[${rowId}].${fieldId}`;

/** A new row id (the client chooses it): 12 letters and digits. */
export function newRowId() {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return "r" + [...bytes].map(b => b.toString(16).padStart(2, "0")).join("").slice(0, 11);
}

/** A definition's {de, en} text in the page's language (German when English is missing). */
export function localized(text, language = lang) {
  if (!text) return "";
  if (typeof text === "string") return text;
  return (language === "en" && text.en) || text.de || text.en || "";
}

/** A path as a safe part of an element id. */
export function domId(prefix, path) {
  return `${prefix}-${path.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

/** The row ids of a repeating group's value (an array of strings), else none. */
export function rowIds(value) {
  return Array.isArray(value) ? value.filter(id => typeof id === "string") : [];
}
