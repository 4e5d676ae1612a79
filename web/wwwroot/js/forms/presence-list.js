// Who is in the session besides this user, and on which step: one line per participant (role and name).
import { element } from "/js/chat/dom.js";
import { t } from "/js/i18n.js";
import { localized } from "./paths.js";

/** Renders others ({ displayName, role, stepId }) into list (a <ul>); steps: the definition's steps, for titles. */
export function renderPresenceList(list, others, steps, language) {
  const titles = new Map((steps ?? []).map(s => [s.id, localized(s.title, language)]));
  list.replaceChildren(...others.map(other => {
    const item = element("li", "form-participant");
    item.dataset.role = other.role;
    const who = t(other.role === "Insured" ? "forms.presence.insured" : "forms.presence.agent", { name: other.displayName });
    item.textContent = other.stepId && titles.has(other.stepId)
      ? t("forms.presence.onStep", { who, step: titles.get(other.stepId) })
      : who;
    return item;
  }));
  list.hidden = others.length === 0;
}
