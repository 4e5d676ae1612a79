// Widgets of one input each: text (one line or multiline), number, date, and the checked identifiers IBAN, Steuer-ID
// and KVNR (plain text here: the server checks them). Each turns what the user typed into the field's JSON value and
// back; empty is null. Typing reports every change; the session (form-session.js) coalesces them.
import { element } from "/js/chat/dom.js";

const IDENTIFIER = { iban: { maxLength: 42, autocomplete: "off" }, steuerId: { maxLength: 14 }, kvnr: { maxLength: 10 } };

/** A text-like widget: input (or textarea) bound to a string value. */
function textWidget(field, ctx, { type = "text", numeric = false, multiline = false, maxLength, inputMode, autocomplete } = {}) {
  const input = element(multiline ? "textarea" : "input", "form-input");
  input.id = ctx.id;
  if (!multiline) input.type = type;
  else input.rows = 4;
  if (maxLength) input.maxLength = maxLength;
  if (inputMode) input.inputMode = inputMode;
  if (autocomplete) input.autocomplete = autocomplete;
  input.spellcheck = type === "text" && !inputMode && !autocomplete;
  input.addEventListener("input", () => ctx.changed(read(), false));
  function read() {
    const raw = input.value;
    if (numeric) {
      if (raw.trim() === "") return null;
      const n = Number(raw.replace(",", "."));
      return Number.isFinite(n) ? n : null;
    }
    return raw === "" ? null : raw;
  }
  return {
    element: input,
    inputs: [input],
    read,
    write(value) {
      const text = value === null || value === undefined ? "" : String(value);
      if (input.value !== text) input.value = text;
    },
    setDisabled(disabled) { input.disabled = disabled; },
  };
}

export function createTextWidget(field, ctx) {
  switch (field.type) {
    case "number":
      // A text input with a decimal keyboard: type=number would hide what the user typed when it is not a number.
      return textWidget(field, ctx, { numeric: true, inputMode: "decimal" });
    case "date":
      return textWidget(field, ctx, { type: "date" });
    case "iban":
    case "steuerId":
    case "kvnr":
      return textWidget(field, ctx, { ...IDENTIFIER[field.type], autocomplete: "off", inputMode: field.type === "steuerId" ? "numeric" : undefined });
    default:
      return textWidget(field, ctx, { multiline: field.multiline === true, maxLength: field.maxLength ?? undefined });
  }
}
