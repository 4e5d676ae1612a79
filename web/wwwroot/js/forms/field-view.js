// One field on the page: its label (<label for>, or a fieldset legend for radio buttons and addresses), help, the
// "Pflichtfeld" mark, the widget, the error (tied to the inputs by aria-describedby and aria-invalid), the conflict
// notice, "only for the insured" for a masked field, and a marker naming who else is on this field. Everything it
// shows about the field (visible, required, enabled, error, masked, value) comes from the server's FieldState.
import { element } from "/js/chat/dom.js";
import { t } from "/js/i18n.js";
import { domId, localized } from "./paths.js";
import { createWidget } from "./widgets.js";

const isEmpty = value => value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);

/**
 * options: { prefix, language, readOnly, onChange(path, value, immediate), onUpload(path, file), onFocus(path) }.
 * Returns { element, path, apply(state, { keepValue, notice, showMissing }), showPresence(names), focus(), invalid }.
 */
export function createFieldView(field, path, options) {
  const { prefix, language } = options;
  const id = domId(prefix, path);
  let widget = null;
  const widgetContext = {
    id, language,
    changed: (value, immediate) => {
      notice.textContent = "";
      notice.hidden = true;
      options.onChange(path, value, immediate);
    },
    upload: file => options.onUpload(path, file),
  };
  widget = createWidget(field, widgetContext);
  const group = widget.group === true;
  const root = element(group ? "fieldset" : "div", `form-field form-field-${field.type}`);
  root.dataset.path = path;
  root.dataset.type = field.type;

  const labelText = localized(field.label, language);
  const caption = element(group ? "legend" : widget.ownLabel ? "p" : "label", "form-label", labelText);
  if (!group && !widget.ownLabel) caption.htmlFor = id;
  const required = element("span", "form-required", ` ${t("forms.required")}`);
  required.hidden = true;
  caption.append(required);
  root.append(caption);

  const helpText = localized(field.help, language);
  const help = element("p", "form-help", helpText);
  help.id = `${id}-help`;
  help.hidden = !helpText;
  const masked = element("p", "form-masked", t("forms.masked"));
  masked.id = `${id}-masked`;
  masked.hidden = true;
  const error = element("p", "form-error error");
  error.id = `${id}-error`;
  error.hidden = true;
  const notice = element("p", "form-notice");
  notice.id = `${id}-notice`;
  notice.setAttribute("role", "status");
  notice.hidden = true;
  const presence = element("span", "form-presence-marker");
  presence.hidden = true;
  root.append(help, widget.element, masked, error, notice, presence);

  root.addEventListener("focusin", () => options.onFocus(path));

  function describe() {
    const ids = [help, masked, error, notice].filter(e => !e.hidden).map(e => e.id);
    for (const input of widget.inputs) {
      if (ids.length > 0) input.setAttribute("aria-describedby", ids.join(" "));
      else input.removeAttribute("aria-describedby");
    }
  }

  function apply(state, { keepValue = false, notice: noticeText = null, showMissing = false } = {}) {
    root.hidden = !state || state.visible === false;
    if (!state) return;
    const isMasked = state.masked === true;
    required.hidden = !state.required;
    masked.hidden = !isMasked;
    root.dataset.masked = String(isMasked);
    if (isMasked) widget.write(null);
    else if (!keepValue) widget.write(state.value ?? null);
    widget.setDisabled(options.readOnly || isMasked || state.enabled === false);
    // After a refused submit, a required field the server holds no value for says so (the server counted it).
    const missing = showMissing && !isMasked && state.visible !== false && state.required && isEmpty(state.value);
    const errorText = isMasked ? "" : localized(state.error, language) || (missing ? t("forms.missing") : "");
    error.textContent = errorText;
    error.hidden = !errorText;
    root.dataset.invalid = String(Boolean(errorText));
    for (const input of widget.inputs) {
      if (errorText) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
      if (!group && state.required) input.setAttribute("aria-required", "true");
      else input.removeAttribute("aria-required");
    }
    if (noticeText) {
      notice.textContent = noticeText;
      notice.hidden = false;
    }
    describe();
  }

  return {
    element: root,
    path,
    apply,
    /** Who else is on this field now (names), shown as a small marker. */
    showPresence(names) {
      presence.textContent = names.length > 0 ? t("forms.presence.here", { names: names.join(", ") }) : "";
      presence.hidden = names.length === 0;
    },
    focus() { widget.inputs.find(i => !i.disabled)?.focus(); },
    get invalid() { return !error.hidden; },
  };
}
