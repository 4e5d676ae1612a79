// The insured's EinmalPIN page (/pin/): the letter's link opens /pin/#t=<token>. The token is read from the fragment
// (never sent to a server in an address or referrer) and removed from the address bar at once. Login with PIN and
// birth date (pin-login.js) gives a case session token (sessionStorage, this tab only); with it the page connects to
// /hubs/pin, opens the case and shows its guided form with the forms renderer (js/forms/), then submission, the
// receipt (closed at once, or a clerk looks) with the PDF control document, and logout.
import { downloadFrom, formatDateTime } from "/js/chat/dom.js";
import { errorCode, errorText } from "/js/chat/hub-errors.js";
import { newId } from "/js/chat/ids.js";
import { mountFormPane } from "/js/forms/form-pane.js";
import { localized } from "/js/forms/paths.js";
import { lang, locale, t } from "/js/i18n.js";
import { bindLogin } from "./pin-login.js";
import { formTransport, PinLink } from "./pin-link.js";
import { PinFormSession } from "./pin-form-session.js";
import { downloadCaseControlDocument } from "./pin-http.js";
import { currentCaseSession, forgetCaseSession } from "./pin-session.js";

const $ = id => document.getElementById(id);

/** The link token of the letter, taken out of the address (kept in this page's memory only). */
function takeLinkToken() {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ""));
  const token = fragment.get("t");
  if (location.hash) history.replaceState(null, "", location.pathname + location.search);
  return token && /^[A-Za-z0-9_-]{16,64}$/.test(token) ? token : null;
}

const linkToken = takeLinkToken();
let current = null; // { link, session, pane, caseNumber }

const login = bindLogin(linkToken, () => openCase());
$("pin-logout").addEventListener("click", () => logOut());
$("pin-submit").addEventListener("click", () => submit());
$("pin-pdf").addEventListener("click", () => {
  const caseNumber = current?.caseNumber ?? currentCaseSession()?.caseNumber;
  downloadFrom($("pin-pdf"), $("pin-pdf-error"), () => downloadCaseControlDocument(caseNumber));
});

if (currentCaseSession()) openCase();
else showLogin(null);

function showLogin(notice) {
  $("pin-case").hidden = true;
  $("pin-done").hidden = true;
  $("pin-logout").hidden = true;
  $("pin-notice").hidden = !notice;
  $("pin-notice").textContent = notice ?? "";
  login.show();
}

function openCase() {
  login.hide();
  $("pin-notice").hidden = true;
  $("pin-logout").hidden = false;
  const link = new PinLink();
  current = { link, session: null, pane: null, caseNumber: currentCaseSession()?.caseNumber ?? null };
  link.addEventListener("status", event => {
    $("pin-connection").textContent = t(`pin.connection.${event.detail}`);
    $("pin-connection").dataset.status = event.detail;
    if (event.detail === "ended" && current?.link === link && !current.done) ended(t("pin.sessionEnded"));
  });
  link.addEventListener("open", async () => {
    if (current?.link !== link || current.session || current.done) return;
    try {
      show(await link.invokeReliably("OpenCase"));
    } catch (error) {
      if (errorCode(error) === "PIN_SESSION_INVALID") ended(t("pin.sessionEnded"));
      else $("pin-submit-error").textContent = errorText(error);
    }
  });
  $("pin-connection").textContent = t("pin.connection.connecting");
  link.start();
}

function show(snapshot) {
  current.caseNumber = snapshot.caseNumber;
  $("pin-case-title").textContent = t("pin.case.title", { caseNumber: snapshot.caseNumber });
  $("pin-case-meta").textContent = t("pin.case.meta", {
    name: snapshot.displayName, deadline: new Date(`${snapshot.deadline}T00:00:00`).toLocaleDateString(locale),
  });
  if (snapshot.receipt || !["Opened", "LetterExported", "Imported"].includes(snapshot.status)) {
    showDone(snapshot.status, snapshot.receipt);
    return;
  }
  const session = new PinFormSession(formTransport(current.link), snapshot.formSessionId, "open");
  // The insured of a case is "pin:{case}" in the form session (not a portal user): so the page never lists them as another.
  session.me = `pin:${snapshot.caseNumber}`;
  session.adopt(snapshot.form);
  $("pin-case").hidden = false;
  current.session = session;
  current.pane = mountFormPane($("form-session"), session, {});
  document.title = `${localized(session.definition.title, lang)} – ${t("pin.title")}`;
  session.focus(current.pane.renderer.currentStep, null);
}

async function submit() {
  const { link, session, pane } = current ?? {};
  if (!session) return;
  const button = $("pin-submit");
  $("pin-submit-error").textContent = "";
  button.disabled = true;
  try {
    await session.settled();
    // One operation id for the retries of this click: a submission that went through counts once.
    const result = await link.invokeReliably("SubmitCase", newId());
    showDone(result.status, result.receipt);
  } catch (error) {
    $("pin-submit-error").textContent = errorText(error);
    if (errorCode(error) === "FORM_INVALID") {
      pane.renderer.markMissing();
      await session.refresh();
      pane.renderer.showFirstStepWithErrors();
    }
  } finally {
    button.disabled = false;
  }
}

function showDone(status, receipt) {
  // Submitted: the case session opens nothing on the hub any more (the secrets are used up); only the PDF remains.
  if (current) {
    current.pane?.destroy();
    current.session?.close();
    current.pane = null;
    current.session = null;
    current.done = true;
    current.link.stop();
  }
  $("pin-case").hidden = true;
  $("pin-done").hidden = false;
  $("pin-done").dataset.status = status;
  const clerk = status === "WithClerk" || status === "ClosedByClerk" || receipt?.outcome === "RoutedToClerk";
  $("pin-done-text").textContent = t(clerk ? "pin.done.clerk" : "pin.done.closed", {
    caseNumber: current?.caseNumber ?? "", at: receipt?.submittedAt ? formatDateTime(receipt.submittedAt) : "",
  });
  $("pin-done-title").focus();
}

async function logOut() {
  const link = current?.link;
  try {
    if (link?.connected) await link.invoke("Logout");
  } catch {
    // Ends with its token anyway.
  }
  ended(t("pin.loggedOut"));
}

function ended(notice) {
  const old = current;
  current = null;
  forgetCaseSession();
  old?.pane?.destroy();
  old?.session?.close();
  old?.link?.end();
  $("form-session").replaceChildren();
  showLogin(notice);
}
