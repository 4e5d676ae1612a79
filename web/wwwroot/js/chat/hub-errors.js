// Hub errors as the server codes them ("… HubException: CODE: German text"), for decisions and for display.
import { codeText, t } from "/js/i18n.js";

/** Coded refusals that say "not now": the same call (same client message id) may succeed later. */
const RETRYABLE_CODES = new Set(["UNAVAILABLE"]);
/** Refusals of a message that sending it again can never mend (the conversation is gone or over, the text is bad). */
const FINAL_FOR_MESSAGE = new Set([
  "CONVERSATION_NOT_FOUND", "CONVERSATION_CLOSED", "MESSAGE_EMPTY", "MESSAGE_TOO_LONG", "MESSAGE_INVALID_CHARACTERS",
  "CLIENT_MESSAGE_ID_INVALID",
]);

/** The code of a hub error, or null for connection and other failures. */
export function errorCode(error) {
  const m = /(?:HubException: |^)([A-Z][A-Z0-9_]{2,}): /.exec(error?.message ?? "");
  return m ? m[1] : null;
}

/** The text of a hub error, for display: the page's language for a known code, else the server's German text. */
export function errorText(error) {
  const message = error?.message ?? String(error);
  const m = /(?:HubException: |^)([A-Z][A-Z0-9_]{2,}): ([\s\S]*)$/.exec(message);
  if (m) return codeText(m[1], m[2]);
  // Never the SignalR client's English text: a failure without a code failed on the server or on the way.
  return /on the server/i.test(message) ? t("chat.serverFailed") : t("chat.offline");
}

/** Whether a coded error asks to try again later (a silo is down for a moment). */
export function isRetryable(error) {
  return RETRYABLE_CODES.has(errorCode(error));
}

/** A coded error that is final for this call (retrying the same call would be refused again). */
export function isRefusal(error) {
  return errorCode(error) !== null && !isRetryable(error);
}

/** Whether a message refused with this error might pass when sent again (by the user's retry). */
export function mayRetryMessage(error) {
  return !FINAL_FOR_MESSAGE.has(errorCode(error));
}

/** The conversation does not exist (any more): e.g. the embedded default kept it in memory and was restarted. */
export function isConversationGone(error) {
  return errorCode(error) === "CONVERSATION_NOT_FOUND";
}

export function isMissingMethod(error) {
  return /Method does not exist/i.test(error?.message ?? "");
}
