// Small DOM helpers of the chat views: elements with text (never HTML), dates in the page's language, and downloads
// saved from a blob (the page never navigates to an API address, which would carry no bearer token).
import { locale, t } from "/js/i18n.js";

export const timeFormat = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" });
const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });

export function formatDateTime(value) {
  return value ? dateTimeFormat.format(new Date(value)) : "";
}

export function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Saves a downloaded blob under its file name: an object URL and a temporary <a download>. The page never navigates to
 * an API address itself, because such a request would carry no bearer token.
 */
export function saveBlob(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName || "Download";
  link.rel = "noopener";
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: revoking at once can cancel the download that has just started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Runs a download from a button: busy while it runs, the reason in errorElement when it fails. */
export async function downloadFrom(button, errorElement, fetchFile) {
  if (button.getAttribute("aria-busy") === "true") return;
  button.setAttribute("aria-busy", "true");
  button.disabled = true;
  if (errorElement) errorElement.textContent = "";
  try {
    const { blob, fileName } = await fetchFile();
    saveBlob(blob, fileName);
  } catch (e) {
    if (errorElement) {
      errorElement.textContent = e?.status ? t("chat.downloadFailed", { reason: e.message }) : t("chat.downloadOffline");
    }
  } finally {
    button.removeAttribute("aria-busy");
    button.disabled = false;
  }
}
