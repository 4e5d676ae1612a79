// The wizard's step list: one button per visible step (hidden steps are skipped), the current one marked with
// aria-current="step", a step with errors marked (text, not only colour), and who else is on which step.
import { element } from "/js/chat/dom.js";
import { t } from "/js/i18n.js";
import { localized } from "./paths.js";

/** steps: the definition's steps; onSelect(stepId). Returns { element, render(current, stepStates, presenceByStep) }. */
export function createStepList(steps, language, onSelect) {
  const nav = element("nav", "form-steps");
  nav.setAttribute("aria-label", t("forms.steps"));
  const list = element("ol");
  nav.append(list);
  const entries = steps.map(step => {
    const item = element("li", "form-step-entry");
    item.dataset.stepId = step.id;
    const button = element("button", "form-step-button");
    button.type = "button";
    const title = element("span", "form-step-title", localized(step.title, language));
    const errors = element("span", "form-step-errors", t("forms.stepHasErrors"));
    const who = element("span", "form-step-presence");
    button.append(title, errors, who);
    button.addEventListener("click", () => onSelect(step.id));
    item.append(button);
    list.append(item);
    return { step, item, button, errors, who };
  });

  function render(current, stepStates, presenceByStep) {
    for (const entry of entries) {
      const state = stepStates.get(entry.step.id);
      entry.item.hidden = state?.visible === false;
      entry.item.dataset.hasErrors = String(state?.hasErrors === true);
      entry.errors.hidden = state?.hasErrors !== true;
      if (entry.step.id === current) entry.button.setAttribute("aria-current", "step");
      else entry.button.removeAttribute("aria-current");
      const names = presenceByStep.get(entry.step.id) ?? [];
      entry.who.textContent = names.length > 0 ? t("forms.presence.step", { names: names.join(", ") }) : "";
      entry.who.hidden = names.length === 0;
    }
  }

  return { element: nav, render };
}
