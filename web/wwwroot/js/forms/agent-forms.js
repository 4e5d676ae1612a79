// Forms at the agent desktop: "Formular vorschlagen" in the open chat (ProposeForm: the insured gets a card in the
// chat), "Formular mit Kunde ausfüllen" on the selected work item (StartFormForWorkItem), and the shared form pane:
// waiting for the insured's consent, then the live form (sensitive fields masked by the server), ended access, and
// "Schritt folgen" (follow the insured's step from presence). The open session is kept across reloads of the tab.
import { errorCode, errorText } from "/js/chat/hub-errors.js";
import { newId } from "/js/chat/ids.js";
import { mountFormPane } from "./form-pane.js";
import { formEvents } from "./form-events.js";
import { FormSession } from "./form-session.js";
import { localized } from "./paths.js";

const $ = id => document.getElementById(id);
const STORAGE_KEY = "kasse.agent.form";

/**
 * Mounts the forms card (#agent-forms markup in /agent/index.html) on the workspace's ChatClient.
 * context: { conversationId() → the chat the agent has open, workItemId() → the selected item assigned to them }.
 * Returns { update() } to call when the selection changes.
 */
export function mountAgentForms(client, context) {
  // The forms events are routed from the start: a session's first push may come before its start call answers.
  formEvents(client);
  let open = null; // { session, pane }
  let ended = false;
  let loaded = false;

  async function loadDefinitions() {
    try {
      const definitions = await client.invoke("ListFormDefinitions");
      $("form-definition").replaceChildren(...definitions.map(d => new Option(localized(d.title), d.name)));
      loaded = true;
      update();
    } catch (error) {
      $("form-start-error").textContent = errorText(error);
    }
  }

  function update() {
    $("form-propose-chat").disabled = !loaded || !context.conversationId();
    $("form-start-item").disabled = !loaded || !context.workItemId();
  }

  function showAccess(state) {
    const status = state?.access?.status;
    const submitted = state && state.status !== "Open";
    $("form-waiting").hidden = ended || submitted || status !== "Requested";
    $("form-declined").hidden = ended || submitted || status !== "Declined";
    $("form-ended").hidden = !(ended || status === "Revoked");
    $("form-submitted").hidden = !submitted;
    $("form-live").hidden = !ended && status !== "Granted" && !submitted;
  }

  function follow(others) {
    if (!$("form-follow").checked || !open) return;
    const insured = others.find(p => p.role === "Insured");
    if (insured?.stepId && insured.stepId !== open.pane.renderer.currentStep) open.pane.renderer.showStep(insured.stepId);
  }

  function show(session) {
    if (open) {
      open.pane.destroy();
      open.session.close();
    }
    ended = false;
    $("agent-form").hidden = false;
    const pane = mountFormPane($("form-session"), session, {
      readOnly: state => ended || state.access?.status !== "Granted",
      onState: showAccess,
      onPresence: follow,
      onRefused: ({ code }) => {
        if (code !== "FORM_ACCESS_NOT_GRANTED" || session.state?.access?.status === "Requested") return;
        ended = true;
        pane.renderer.setReadOnly(true);
        pane.renderer.applyState(session.state, { keep: new Set() });
        showAccess(session.state);
      },
    });
    open = { session, pane };
    showAccess(session.state);
    sessionStorage.setItem(STORAGE_KEY, session.sessionId);
  }

  /** Starts a session by method; argsOf(sessionId) gives its arguments (the client chooses the id). */
  async function startWith(method, argsOf) {
    $("form-start-error").textContent = "";
    const id = newId();
    for (const button of [$("form-propose-chat"), $("form-start-item")]) button.disabled = true;
    try {
      const snapshot = await client.invokeReliably(method, ...argsOf(id));
      show(new FormSession(client, id, "connected").adopt(snapshot));
    } catch (error) {
      $("form-start-error").textContent = errorText(error);
    } finally {
      update();
    }
  }

  $("form-propose-chat").addEventListener("click", () => {
    const conversationId = context.conversationId();
    if (conversationId) startWith("ProposeForm", id => [conversationId, id, $("form-definition").value]);
  });
  $("form-start-item").addEventListener("click", () => {
    const itemId = context.workItemId();
    if (itemId) startWith("StartFormForWorkItem", id => [itemId, id, $("form-definition").value]);
  });
  $("form-follow").addEventListener("change", () => follow(open?.session.others ?? []));
  $("form-close").addEventListener("click", () => {
    open?.pane.destroy();
    open?.session.close();
    open = null;
    sessionStorage.removeItem(STORAGE_KEY);
    $("agent-form").hidden = true;
  });

  client.addEventListener("connected", async () => {
    if (!loaded) await loadDefinitions();
    const remembered = sessionStorage.getItem(STORAGE_KEY);
    if (remembered && !open) {
      const session = new FormSession(client, remembered, "connected");
      try {
        show(await session.open());
      } catch (error) {
        session.close();
        // Refused (ended, declined, gone): forgotten; a connection failure tries again on the next connect.
        if (errorCode(error)) sessionStorage.removeItem(STORAGE_KEY);
      }
    }
  });
  client.addEventListener("change", update);
  update();
  return { update };
}
