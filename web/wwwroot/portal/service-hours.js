// Service hours and callback in the portal: asks the server whether the chat is open (GetServiceStatus) after every
// (re)connect and again when it opens or closes; while closed, the start form gives way to the message and a callback
// form (RequestCallback), whose confirmation shows the reference. The markup is CALLBACK_MARKUP in the chat card.
import { errorCode, errorText } from "/js/chat/hub-errors.js";
import { newId } from "/js/chat/ids.js";
import { TOPICS, topicText } from "/js/chat/labels.js";
import { locale, t } from "/js/i18n.js";

/** Constant markup (texts by data-i18n keys) placed in the chat card after the start form. */
export const CALLBACK_MARKUP = `
  <p id="service-status" class="service-status" role="status" hidden></p>
  <div id="service-closed" class="service-closed" hidden>
    <h3 data-i18n="callback.title"></h3>
    <form id="callback-form" class="callback-form" novalidate>
      <label for="callback-topic" data-i18n="callback.topic"></label>
      <select id="callback-topic"></select>
      <label for="callback-phone" data-i18n="callback.phone"></label>
      <input id="callback-phone" type="tel" autocomplete="tel" inputmode="tel" maxlength="40" required data-i18n-placeholder="callback.phoneHint">
      <label for="callback-from" data-i18n="callback.preferredFrom"></label>
      <input id="callback-from" type="datetime-local">
      <button type="submit" data-i18n="callback.submit"></button>
      <span id="callback-error" class="error" role="alert"></span>
    </form>
    <div id="callback-confirmation" class="callback-confirmation" role="status" hidden>
      <p id="callback-confirmation-text"></p>
      <button id="callback-another" type="button" class="secondary" data-i18n="callback.another"></button>
    </div>
  </div>`;

const BERLIN = "Europe/Berlin";
const MAX_TIMER = 2 ** 31 - 1;

/** Wires the markup to a ChatClient on the customer hub; returns { closed() } for a start refused as closed. */
export function bindServiceHours(client) {
  const $ = id => document.getElementById(id);
  const statusLine = $("service-status"), closedBox = $("service-closed"), startForm = $("chat-start");
  const form = $("callback-form"), topic = $("callback-topic"), phone = $("callback-phone"), from = $("callback-from");
  const error = $("callback-error"), confirmation = $("callback-confirmation"), confirmationText = $("callback-confirmation-text");
  for (const value of TOPICS) topic.append(new Option(topicText(value), value));
  // One id per request the user makes: a request retried after a lost answer creates one callback.
  let requestId = newId();
  let refresh = null;

  function show(status) {
    clearTimeout(refresh);
    const open = status.open;
    startForm.hidden = !open;
    closedBox.hidden = open;
    const text = describe(status);
    statusLine.textContent = text;
    statusLine.hidden = !text;
    statusLine.dataset.open = String(open);
    // Ask again when the service opens or closes (the page may stay open for hours).
    const next = Date.parse(open ? status.closesAt : status.nextOpening);
    if (!Number.isNaN(next)) refresh = setTimeout(check, Math.min(Math.max(next - Date.now(), 0) + 1000, MAX_TIMER));
  }

  async function check() {
    try {
      show(await client.invoke("GetServiceStatus"));
    } catch {
      // An older server without service hours: the chat stays as it is.
    }
  }

  form.addEventListener("submit", async event => {
    event.preventDefault();
    error.textContent = "";
    if (!phone.value.trim()) {
      error.textContent = t("callback.phoneInvalid");
      phone.focus();
      return;
    }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const preferred = from.value ? new Date(from.value).toISOString() : null;
      const answer = await client.invokeReliably("RequestCallback", requestId, topic.value, phone.value, preferred);
      confirmationText.textContent = t("callback.confirmed", { phone: answer.phoneMasked, reference: answer.reference });
      confirmationText.dataset.reference = answer.reference;
      confirmationText.dataset.workItemId = answer.workItemId;
      form.hidden = true;
      confirmation.hidden = false;
      requestId = newId();
    } catch (e) {
      error.textContent = errorCode(e) === "PHONE_INVALID" ? t("callback.phoneInvalid") : errorText(e);
    } finally {
      button.disabled = false;
    }
  });
  $("callback-another").addEventListener("click", () => {
    form.reset();
    form.hidden = false;
    confirmation.hidden = true;
  });
  client.addEventListener("connected", check);

  return { closed: check };
}

/** The status line in the page's language, with times in Berlin (where the service is). */
function describe(status) {
  const key = status.messageKey;
  const when = status.open ? status.closesAt : status.nextOpening;
  const at = when ? new Date(when) : null;
  const time = at?.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit", timeZone: BERLIN });
  const day = at?.toLocaleDateString(locale, { weekday: "long", day: "numeric", month: "long", timeZone: BERLIN });
  if (key === "service.alwaysOpen") return t(key);
  if (key === "service.open") return at ? t(key, { time }) : "";
  if (!at) return t("service.closedNoNext");
  return t(key === "service.closedHoliday" ? key : "service.closed", { day, time });
}
