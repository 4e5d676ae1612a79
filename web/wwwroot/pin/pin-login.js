// The login form: PIN (shown in the letter's groups as typed) and birth date (TT.MM.JJJJ). A value of the wrong shape
// is an error at its field (tied to it, focus goes there); a refusal of the server never says which factor was wrong,
// and a wait the server asks for is shown and the button stays disabled until it has passed.
import { t } from "/js/i18n.js";
import { groupPin, normalizePin, parseBirthDate } from "./pin-input.js";
import { logIn } from "./pin-http.js";
import { saveCaseSession } from "./pin-session.js";

const $ = id => document.getElementById(id);

/** Binds the form; onLoggedIn() runs once the case session is stored. Returns { show(), hide() }. */
export function bindLogin(linkToken, onLoggedIn) {
  const pin = $("pin-code");
  const birth = $("pin-birth");
  let waitTimer = null;
  let waitUntil = 0;
  $("pin-login-link").hidden = !linkToken;

  pin.addEventListener("input", () => {
    // Grouped as printed while typing at the end; a correction in the middle is left alone until the field is left.
    if (pin.selectionStart === pin.value.length) pin.value = groupPin(pin.value);
  });
  pin.addEventListener("blur", () => { if (pin.value.trim()) pin.value = groupPin(pin.value); });

  function setFieldError(input, errorElement, text) {
    errorElement.textContent = text ?? "";
    if (text) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }

  function startWait(seconds) {
    clearInterval(waitTimer);
    waitUntil = Date.now() + seconds * 1000;
    const button = $("pin-login-button");
    const tick = () => {
      const left = Math.ceil((waitUntil - Date.now()) / 1000);
      if (left <= 0) {
        clearInterval(waitTimer);
        $("pin-login-wait").textContent = "";
        button.disabled = false;
        return;
      }
      button.disabled = true;
      $("pin-login-wait").textContent = t("pin.login.wait", { seconds: left });
    };
    tick();
    waitTimer = setInterval(tick, 1000);
  }

  $("pin-login-form").addEventListener("submit", async event => {
    event.preventDefault();
    $("pin-login-error").textContent = "";
    const normalizedPin = normalizePin(pin.value);
    const birthDate = parseBirthDate(birth.value);
    setFieldError(pin, $("pin-code-error"), normalizedPin ? null : t(pin.value.trim() ? "pin.login.pinInvalid" : "pin.login.pinMissing"));
    setFieldError(birth, $("pin-birth-error"), birthDate ? null : t(birth.value.trim() ? "pin.login.birthDateInvalid" : "pin.login.birthDateMissing"));
    if (!normalizedPin) { pin.focus(); return; }
    if (!birthDate) { birth.focus(); return; }
    if (Date.now() < waitUntil) return;
    const button = $("pin-login-button");
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    try {
      const answer = await logIn(linkToken, normalizedPin, birthDate);
      saveCaseSession(answer);
      pin.value = "";
      birth.value = "";
      button.disabled = false;
      onLoggedIn();
    } catch (error) {
      button.disabled = false;
      // The same words whatever was wrong: the page never guesses which factor failed.
      $("pin-login-error").textContent = error.status === 401 || error.status === 429
        ? t(error.status === 429 ? "pin.login.throttled" : "pin.login.refused")
        : error.message;
      if (error.retryAfter > 0) startWait(error.retryAfter);
      pin.focus();
    } finally {
      button.removeAttribute("aria-busy");
    }
  });

  return {
    show() {
      $("pin-login").hidden = false;
      pin.focus();
    },
    hide() { $("pin-login").hidden = true; },
  };
}
