// The one form renderer of the portal, the agent desktop and the admin preview. It draws a client definition (steps,
// sections, fields; docs/forms.md) as a wizard and shows what the server's view state says: which fields and steps
// are visible, required, enabled, their values and errors. It holds no rule logic: it never decides that a field is
// required or a value wrong. What the user does goes out through the callbacks; the caller (form-session.js or the
// admin preview) talks to the server and hands the next state back with applyState.
import { element } from "/js/chat/dom.js";
import { t } from "/js/i18n.js";
import { createFieldView } from "./field-view.js";
import { localized } from "./paths.js";
import { createRepeatingGroupView } from "./repeating-group.js";
import { createStepList } from "./step-list.js";

let renderers = 0;

/**
 * Renders definition into container. options: { language, readOnly, onEdit(path, value, immediate), onFocus(stepId,
 * path), onAddRow(groupId), onRemoveRow(groupId, rowId), onUpload(path, file) }.
 * Returns { applyState(state, { notice: { path, text }, keep: Set of paths whose shown value stays }), showStep(stepId),
 * showFirstStepWithErrors(), showPresence(others), currentStep, destroy() }.
 */
export function renderForm(container, definition, options) {
  const language = options.language;
  const prefix = `form${++renderers}`;
  const noop = () => {};
  const callbacks = {
    onEdit: options.onEdit ?? noop, onFocus: options.onFocus ?? noop, onAddRow: options.onAddRow ?? noop,
    onRemoveRow: options.onRemoveRow ?? noop, onUpload: options.onUpload ?? (() => Promise.reject(new Error(t("forms.file.unavailable")))),
  };
  const steps = definition.steps ?? [];
  let current = steps[0]?.id ?? null;
  let stepStates = new Map();
  let lastState = null;
  let lastKeep = new Set();
  let showMissing = false;
  let others = [];

  const root = element("div", "form-view");
  root.dataset.form = definition.name ?? "";
  const stepList = createStepList(steps, language, id => showStep(id, true));
  const panels = element("div", "form-step-panels");
  const nav = element("div", "form-step-nav");
  const back = element("button", "secondary", t("forms.back"));
  back.type = "button";
  const next = element("button", "secondary", t("forms.next"));
  next.type = "button";
  nav.append(back, next);
  root.append(stepList.element, panels, nav);

  const stepOf = new Map(); // path of a top-level field or group -> step id
  const views = []; // top-level field views and group views
  const panelOf = new Map();
  const viewOptions = {
    prefix, language, readOnly: options.readOnly === true,
    onChange: (path, value, immediate) => callbacks.onEdit(path, value, immediate),
    onUpload: (path, file) => callbacks.onUpload(path, file),
    onFocus: path => callbacks.onFocus(current, path),
    onAddRow: groupId => callbacks.onAddRow(groupId),
    onRemoveRow: (groupId, rowId) => callbacks.onRemoveRow(groupId, rowId),
  };
  for (const step of steps) {
    const panel = element("section", "form-step");
    panel.dataset.stepId = step.id;
    const heading = element("h3", "form-step-heading", localized(step.title, language));
    heading.tabIndex = -1;
    panel.append(heading);
    for (const section of step.sections ?? []) {
      const part = element("section", "form-section");
      part.dataset.sectionId = section.id;
      const title = localized(section.title, language);
      if (title) part.append(element("h4", "form-section-title", title));
      for (const field of section.fields ?? []) {
        const view = field.type === "repeatingGroup"
          ? createRepeatingGroupView(field, viewOptions)
          : createFieldView(field, field.id, viewOptions);
        views.push(view);
        stepOf.set(view.path, step.id);
        part.append(view.element);
      }
      panel.append(part);
    }
    panels.append(panel);
    panelOf.set(step.id, panel);
  }
  container.replaceChildren(root);

  const visibleSteps = () => steps.filter(s => stepStates.get(s.id)?.visible !== false).map(s => s.id);

  /** A step with an error: the server's mark, or a field of it showing one (a missing required field after a refused submit). */
  const stepHasErrors = stepId => stepStates.get(stepId)?.hasErrors === true || views.some(v => stepOf.get(v.path) === stepId && v.invalid);

  function renderSteps() {
    const visible = visibleSteps();
    if (current && !visible.includes(current)) current = visible[0] ?? current;
    for (const [id, panel] of panelOf) panel.hidden = id !== current;
    const index = visible.indexOf(current);
    back.hidden = index <= 0;
    next.hidden = index < 0 || index >= visible.length - 1;
    const byStep = new Map();
    for (const other of others) {
      if (!other.stepId) continue;
      byStep.set(other.stepId, [...(byStep.get(other.stepId) ?? []), other.displayName]);
    }
    const shown = new Map(steps.map(s => [s.id, { visible: stepStates.get(s.id)?.visible !== false, hasErrors: stepHasErrors(s.id) }]));
    stepList.render(current, shown, byStep);
  }

  function showStep(stepId, focusHeading = false) {
    if (!panelOf.has(stepId)) return;
    const changed = current !== stepId;
    current = stepId;
    renderSteps();
    if (focusHeading) panelOf.get(stepId).querySelector(".form-step-heading").focus();
    if (changed) callbacks.onFocus(current, null);
  }

  back.addEventListener("click", () => {
    const visible = visibleSteps();
    const index = visible.indexOf(current);
    if (index > 0) showStep(visible[index - 1], true);
  });
  next.addEventListener("click", () => {
    const visible = visibleSteps();
    const index = visible.indexOf(current);
    if (index >= 0 && index < visible.length - 1) showStep(visible[index + 1], true);
  });

  function allFieldViews() {
    return views.flatMap(v => (v.fieldViews ? v.fieldViews() : [v]));
  }

  function renderPresence() {
    const byPath = new Map();
    for (const other of others) {
      if (other.fieldPath) byPath.set(other.fieldPath, [...(byPath.get(other.fieldPath) ?? []), other.displayName]);
    }
    for (const view of allFieldViews()) view.showPresence(byPath.get(view.path) ?? []);
  }

  function applyState(state, { notice = null, keep = new Set() } = {}) {
    lastState = state;
    lastKeep = keep;
    const states = new Map((state.fields ?? []).map(f => [f.path, f]));
    stepStates = new Map((state.steps ?? []).map(s => [s.stepId, s]));
    const notices = new Map(notice ? [[notice.path, notice.text]] : []);
    for (const view of views) {
      if (view.fieldViews) view.apply(states, keep, notices, showMissing);
      else view.apply(states.get(view.path), { keepValue: keep.has(view.path), notice: notices.get(view.path), showMissing });
    }
    renderSteps();
    renderPresence();
  }

  renderSteps();
  return {
    applyState,
    showStep: stepId => showStep(stepId, false),
    /** Goes to the first visible step the server marked with errors (after a refused submit) and focuses its first error. */
    showFirstStepWithErrors() {
      const first = visibleSteps().find(stepHasErrors);
      if (!first) return false;
      showStep(first, false);
      const invalid = views.find(v => stepOf.get(v.path) === first && v.invalid);
      invalid?.focus();
      return true;
    },
    /** The other participants ({ displayName, stepId, fieldPath }): markers on their step and field. */
    showPresence(list) {
      others = list ?? [];
      renderSteps();
      renderPresence();
    },
    /**
     * After the server refused a submit (FORM_INVALID): required fields it holds no value for say so, as errors do,
     * until they are filled. The server decides what is required; this only shows its verdict on empty fields.
     */
    markMissing() {
      showMissing = true;
      if (lastState) applyState(lastState, { keep: lastKeep });
    },
    /** Everything read-only (a submitted form, an agent without access) or editable again; shown by the next applyState. */
    setReadOnly(readOnly) {
      if (viewOptions.readOnly === readOnly) return;
      viewOptions.readOnly = readOnly;
      root.dataset.readOnly = String(readOnly);
    },
    get readOnly() { return viewOptions.readOnly; },
    get currentStep() { return current; },
    get state() { return lastState; },
    destroy() { container.replaceChildren(); },
  };
}
