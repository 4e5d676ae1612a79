// A form session on a page: title, case reference, who else is here, the refusal line and the renderer, bound to a
// FormSession (form-session.js). The portal and the agent desktop add their own controls around it (consent, submit,
// follow the insured's step).
import { element } from "/js/chat/dom.js";
import { lang, t } from "/js/i18n.js";
import { renderForm } from "./form-renderer.js";
import { localized, newRowId } from "./paths.js";
import { renderPresenceList } from "./presence-list.js";

/**
 * Shows session (opened or adopted: it has a definition) in container. options: { readOnly(state) → bool, onState(state),
 * onPresence(others), onRefused({ code, text }) }. Returns { renderer, session, element, showError(text), destroy() }.
 */
export function mountFormPane(container, session, options = {}) {
  const definition = session.definition;
  const root = element("div", "form-pane-body");
  root.dataset.sessionId = session.sessionId;
  const title = element("h2", "form-title", localized(definition.title, lang));
  title.id = "form-title";
  const reference = element("p", "form-case");
  reference.id = "form-case";
  const presence = element("ul", "form-participants");
  presence.id = "form-participants";
  presence.setAttribute("aria-live", "polite");
  const error = element("p", "error form-refusal");
  error.id = "form-error";
  error.setAttribute("role", "alert");
  const body = element("div", "form-body");
  root.append(title, reference, presence, error, body);
  container.replaceChildren(root);

  const renderer = renderForm(body, definition, {
    language: lang,
    readOnly: false,
    onEdit: (path, value, immediate) => { error.textContent = ""; session.edit(path, value, immediate); },
    onFocus: (stepId, path) => session.focus(stepId, path),
    onAddRow: groupId => session.addRow(groupId, newRowId()),
    onRemoveRow: (groupId, rowId) => session.removeRow(groupId, rowId),
    onUpload: (path, file) => session.upload(path, file),
  });

  function showState({ state, notice }) {
    if (!state) return;
    reference.textContent = state.caseReference ? t("forms.caseReference", { reference: state.caseReference }) : "";
    const readOnly = state.status !== "Open" || options.readOnly?.(state) === true;
    if (readOnly !== renderer.readOnly) renderer.setReadOnly(readOnly);
    renderer.applyState(state, { notice, keep: session.keepPaths() });
    options.onState?.(state);
  }
  function showPresence() {
    renderPresenceList(presence, session.others, definition.steps, lang);
    renderer.showPresence(session.others);
    options.onPresence?.(session.others);
  }
  const onState = event => showState(event.detail);
  const onPresence = () => showPresence();
  const onRefused = event => {
    error.textContent = event.detail.text;
    options.onRefused?.(event.detail);
  };
  session.addEventListener("state", onState);
  session.addEventListener("presence", onPresence);
  session.addEventListener("refused", onRefused);
  showState({ state: session.state, notice: null });
  showPresence();

  return {
    renderer,
    session,
    element: root,
    showError(text) { error.textContent = text ?? ""; },
    destroy() {
      session.removeEventListener("state", onState);
      session.removeEventListener("presence", onPresence);
      session.removeEventListener("refused", onRefused);
      renderer.destroy();
      container.replaceChildren();
    },
  };
}
