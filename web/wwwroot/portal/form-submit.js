// Submitting the open form and its receipt. The server checks everything again: FORM_INVALID goes to the first step
// with an error (the state it pushes shows them). The receipt offers the PDF control document, fetched with the token.
import { downloadFrom, formatDateTime } from "/js/chat/dom.js";
import { errorCode, errorText } from "/js/chat/hub-errors.js";
import { newId } from "/js/chat/ids.js";
import { t } from "/js/i18n.js";
import { downloadControlDocument } from "/js/forms/form-http.js";

const $ = id => document.getElementById(id);

/**
 * Binds submit and the PDF button; current() gives { session, pane } of the open form; onSubmitted() runs after a
 * submission went through. Returns show(state).
 */
export function bindSubmit(link, current, onSubmitted) {
  const button = $("form-submit");
  button.addEventListener("click", async () => {
    const open = current();
    if (!open) return;
    const { session, pane } = open;
    $("form-submit-error").textContent = "";
    button.disabled = true;
    try {
      await session.settled();
      // One operation id for the retries of this click: a submit that went through counts once.
      const receipt = await link.invokeReliably("SubmitForm", session.sessionId, newId());
      show({ ...session.state, status: "Submitted", receipt, caseReference: receipt.caseReference });
      await session.refresh();
      onSubmitted?.();
    } catch (error) {
      $("form-submit-error").textContent = errorText(error);
      if (errorCode(error) === "FORM_INVALID") {
        pane.renderer.markMissing();
        await session.refresh();
        pane.renderer.showFirstStepWithErrors();
      }
    } finally {
      button.disabled = false;
    }
  });
  $("form-pdf").addEventListener("click", () => {
    const open = current();
    if (!open) return;
    const reference = open.session.state?.receipt?.caseReference ?? open.session.state?.caseReference;
    downloadFrom($("form-pdf"), $("form-pdf-error"), () => downloadControlDocument(open.session.sessionId, reference));
  });

  function show(state) {
    const submitted = state?.status === "Submitted";
    $("form-submit-row").hidden = state?.status !== "Open";
    $("form-receipt").hidden = !submitted;
    if (submitted) {
      const receipt = state.receipt;
      $("form-receipt-text").textContent = t(receipt?.outcome === "RoutedToClerk" ? "forms.receipt.routed" : "forms.receipt.closed", {
        reference: receipt?.caseReference ?? state.caseReference ?? "", at: formatDateTime(receipt?.submittedAt ?? state.updatedAt),
      });
    }
  }
  return show;
}
