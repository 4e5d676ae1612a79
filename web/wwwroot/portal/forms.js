// The portal's forms page: the insured's form sessions (ListForms), starting one (ListFormDefinitions, StartForm),
// and the open one (?session=id): the shared form (js/forms/), the agent's access (./form-consent.js), submit and
// receipt (./form-submit.js). One connection to /hubs/customer; after every reconnect the list and the open form's
// state are fetched again.
import { HubLink } from "/js/chat/connection.js";
import { element, formatDateTime } from "/js/chat/dom.js";
import { errorText } from "/js/chat/hub-errors.js";
import { newId } from "/js/chat/ids.js";
import { statusText } from "/js/chat/labels.js";
import { mountFormPane } from "/js/forms/form-pane.js";
import { formEvents } from "/js/forms/form-events.js";
import { FormSession } from "/js/forms/form-session.js";
import { localized } from "/js/forms/paths.js";
import { t } from "/js/i18n.js";
import { currentSession, showUser } from "/js/session.js";
import { bindConsent } from "./form-consent.js";
import { bindSubmit } from "./form-submit.js";

const $ = id => document.getElementById(id);
showUser($("user"));

let open = null; // { session, pane }

if (!currentSession()) {
  $("forms-connection").textContent = t("forms.portal.signedOut");
  $("form-start").hidden = true;
} else {
  start();
}

function start() {
  const link = new HubLink("/hubs/customer");
  const showConsent = bindConsent(link, () => open?.session, snapshotOrState => adoptState(snapshotOrState));
  const showSubmit = bindSubmit(link, () => open, () => refreshList());
  let definitionsLoaded = false;

  link.addEventListener("status", event => {
    $("forms-connection").textContent = statusText(event.detail);
    $("forms-connection").dataset.status = event.detail;
  });
  link.addEventListener("open", async () => {
    if (!definitionsLoaded) definitionsLoaded = await loadDefinitions();
    await refreshList();
    const wanted = new URLSearchParams(location.search).get("session");
    if (wanted && !open) await show(wanted);
  });
  formEvents(link).onInvitation(invitation => {
    refreshList();
    if (open?.session.sessionId === String(invitation.sessionId).toLowerCase()) open.session.refresh();
    else showInvitation(invitation);
  });

  async function loadDefinitions() {
    try {
      const definitions = await link.invoke("ListFormDefinitions");
      $("form-definition").replaceChildren(...definitions.map(d => new Option(localized(d.title), d.name)));
      return true;
    } catch (error) {
      $("form-start-error").textContent = errorText(error);
      return false;
    }
  }

  async function refreshList() {
    try {
      renderList(await link.invoke("ListForms"));
    } catch (error) {
      $("form-start-error").textContent = errorText(error);
    }
  }

  function renderList(summaries) {
    const list = $("forms-list");
    if (!summaries?.length) {
      list.replaceChildren(element("li", "forms-empty", t("forms.portal.none")));
      return;
    }
    list.replaceChildren(...summaries.map(summary => {
      const item = element("li", "forms-entry");
      item.dataset.sessionId = String(summary.sessionId).toLowerCase();
      const button = element("button", "forms-entry-open");
      button.type = "button";
      button.append(
        element("span", "forms-entry-title", localized(summary.formTitle)),
        element("span", "forms-entry-meta", t("forms.portal.entryMeta", {
          status: t(`forms.status.${summary.status}`), at: formatDateTime(summary.updatedAt),
        })));
      // An agent's request still waiting for an answer (also after a reconnect, when the invitation event is gone).
      if (summary.status === "Open" && summary.access?.status === "Requested") {
        button.append(element("span", "forms-entry-request", t("forms.portal.requestPending", { name: summary.access.agentName ?? "" })));
      }
      if (open?.session.sessionId === item.dataset.sessionId) button.setAttribute("aria-current", "true");
      button.addEventListener("click", () => show(item.dataset.sessionId));
      item.append(button);
      return item;
    }));
  }

  function showInvitation(invitation) {
    const box = element("div", "notice form-invitation");
    box.dataset.sessionId = String(invitation.sessionId).toLowerCase();
    box.append(element("p", null, t("forms.access.invitation", { name: invitation.agentName, form: localized(invitation.formTitle) })));
    const openButton = element("button", null, t("forms.access.openInvitation"));
    openButton.type = "button";
    openButton.addEventListener("click", () => { box.remove(); show(box.dataset.sessionId); });
    box.append(openButton);
    $("forms-invitations").querySelector(`[data-session-id='${box.dataset.sessionId}']`)?.remove();
    $("forms-invitations").append(box);
  }

  function adoptState(answer) {
    // Grant/Decline/Revoke answer the state; Start/Open a snapshot.
    if (!open || !answer) return;
    if (answer.state) open.session.adopt(answer);
    else open.session.adopt({ definition: open.session.definition, state: answer });
  }

  function onState(state) {
    showConsent(state);
    showSubmit(state);
  }

  async function show(sessionId, snapshot = null) {
    if (open?.session.sessionId === String(sessionId).toLowerCase()) return;
    if (open) {
      open.pane.destroy();
      open.session.close();
      open = null;
    }
    const session = new FormSession(link, sessionId, "open");
    try {
      if (snapshot) session.adopt(snapshot);
      else await session.open();
    } catch (error) {
      session.close();
      $("form-start-error").textContent = errorText(error);
      return;
    }
    $("form-pane").hidden = false;
    const pane = mountFormPane($("form-session"), session, { onState });
    open = { session, pane };
    onState(session.state);
    const url = new URL(location.href);
    url.searchParams.set("session", session.sessionId);
    history.replaceState(null, "", url.href);
    for (const entry of document.querySelectorAll("#forms-list .forms-entry-open")) {
      if (entry.parentElement.dataset.sessionId === session.sessionId) entry.setAttribute("aria-current", "true");
      else entry.removeAttribute("aria-current");
    }
    session.focus(pane.renderer.currentStep, null);
  }

  $("form-start").addEventListener("submit", async event => {
    event.preventDefault();
    $("form-start-error").textContent = "";
    const button = $("form-start").querySelector("button");
    button.disabled = true;
    // The client chooses the id: a start retried after a lost answer opens the same session.
    const id = newId();
    try {
      const snapshot = await link.invokeReliably("StartForm", id, $("form-definition").value);
      await show(id, snapshot);
      await refreshList();
    } catch (error) {
      $("form-start-error").textContent = errorText(error);
    } finally {
      button.disabled = false;
    }
  });

  link.start();
}
