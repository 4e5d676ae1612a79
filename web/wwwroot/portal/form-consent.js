// The insured's say over an agent: the request banner (Annehmen / Ablehnen) while an agent asks to join, and
// "Zugriff der Beraterin beenden" while one has access. Only the insured moves the access (docs/forms.md).
import { errorText } from "/js/chat/hub-errors.js";
import { t } from "/js/i18n.js";

const $ = id => document.getElementById(id);

/** Binds the buttons to the open session (current() gives it); returns show(state) for every new state. */
export function bindConsent(link, current, adopt) {
  async function answer(method) {
    const session = current();
    if (!session) return;
    $("form-access-error").textContent = "";
    for (const id of ["form-grant", "form-decline", "form-revoke"]) $(id).disabled = true;
    try {
      adopt(await link.invokeReliably(method, session.sessionId));
    } catch (error) {
      $("form-access-error").textContent = errorText(error);
    } finally {
      for (const id of ["form-grant", "form-decline", "form-revoke"]) $(id).disabled = false;
    }
  }
  $("form-grant").addEventListener("click", () => answer("GrantFormAccess"));
  $("form-decline").addEventListener("click", () => answer("DeclineFormAccess"));
  $("form-revoke").addEventListener("click", () => answer("RevokeFormAccess"));

  return function show(state) {
    const access = state?.access;
    const open = state?.status === "Open";
    const requested = open && access?.status === "Requested";
    const granted = open && access?.status === "Granted";
    $("form-access-request").hidden = !requested;
    $("form-access-granted").hidden = !granted;
    const name = access?.agentName ?? t("forms.access.someone");
    if (requested) $("form-access-request-text").textContent = t("forms.access.requested", { name });
    if (granted) $("form-access-granted-text").textContent = t("forms.access.granted", { name });
  };
}
