// UI texts in German (the default) and English. The language comes from ?lang=de|en in the address (then remembered
// in localStorage), else from localStorage, else German. Importing this module applies it to the page: <html lang>,
// the static texts marked with data-i18n attributes, and a language switch in the page header.
//
// Markup: data-i18n="key" sets the text content; data-i18n-placeholder, data-i18n-aria-label and data-i18n-title set
// those attributes. Texts take parameters as {name}: t("chat.typing", { name: "Sabine" }).
import de from "/js/texts-de.js";
import en from "/js/texts-en.js";

const DICTIONARIES = { de, en };
const LOCALES = { de: "de-DE", en: "en-GB" };
const LANGUAGE_NAMES = { de: "Deutsch", en: "English" };
const STORAGE_KEY = "kasse.lang";
const TEXT_ATTRIBUTES = ["placeholder", "aria-label", "title"];

const own = (dictionary, key) => (Object.hasOwn(dictionary, key) ? dictionary[key] : undefined);

function storedLanguage() {
  try { return localStorage.getItem(STORAGE_KEY); } catch { return null; }
}

function storeLanguage(language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
    return true;
  } catch {
    return false;
  }
}

function chooseLanguage() {
  const requested = new URLSearchParams(location.search).get("lang");
  if (requested && Object.hasOwn(DICTIONARIES, requested)) {
    storeLanguage(requested);
    return requested;
  }
  const stored = storedLanguage();
  return stored && Object.hasOwn(DICTIONARIES, stored) ? stored : "de";
}

/** "de" or "en". */
export const lang = chooseLanguage();

/** The locale for dates and numbers: de-DE or en-GB. */
export const locale = LOCALES[lang];

const texts = DICTIONARIES[lang];

function fill(text, params) {
  return params ? text.replace(/\{(\w+)\}/g, (match, name) => (Object.hasOwn(params, name) ? String(params[name]) : match)) : text;
}

/** The text for key in the current language (German where English lacks it), with {name} filled from params. */
export function t(key, params) {
  return fill(own(texts, key) ?? own(de, key) ?? key, params);
}

/** Whether key has a text (in the current language or German). */
export function has(key) {
  return own(texts, key) !== undefined || own(de, key) !== undefined;
}

/**
 * The current language's own text for key, else fallback. For what the server sends in German (coded errors, role
 * names, topics): German shows it as sent, so the German dictionary has no such keys.
 */
export function tOr(key, fallback, params) {
  const text = own(texts, key);
  return text === undefined ? fallback : fill(text, params);
}

/** The current language's text for a coded server error ("code.CODE"), else the server's own text. */
export function codeText(code, serverText) {
  return code ? tOr(`code.${code}`, serverText) : serverText;
}

/**
 * The stable code of problem details: the title when it is a code (ATTACHMENT_TOO_LARGE), else the last segment of
 * the server's problem type ("…/problems/not-found" gives NOT_FOUND), else null.
 */
export function problemCode(problem) {
  const title = problem?.title ?? "";
  if (/^[A-Z][A-Z0-9_]{2,}$/.test(title)) return title;
  const type = /\/problems\/([a-z0-9-]+)$/.exec(problem?.type ?? "");
  return type ? type[1].toUpperCase().replaceAll("-", "_") : null;
}

// ASP.NET Core's default problem titles for a bare status (status code pages, challenges): English reason phrases.
const DEFAULT_PROBLEM_TITLES = new Set([
  "Bad Request", "Unauthorized", "Forbidden", "Not Found", "Method Not Allowed", "Not Acceptable", "Request Timeout",
  "Conflict", "Precondition Failed", "Payload Too Large", "Content Too Large", "Unsupported Media Type",
  "Unprocessable Entity", "Too Many Requests", "Upgrade Required", "Internal Server Error", "Service Unavailable",
  "An error occurred while processing your request.",
]);

/** The title of problem details when the server wrote it (German), else null (a default English title, none). */
export function serverTitle(problem) {
  const title = problem?.title;
  return title && !DEFAULT_PROBLEM_TITLES.has(title) ? title : null;
}

/** A failed HTTP status in the page's language ("http.401"), for when the server sent no text of its own. */
export function httpStatusText(status) {
  return has(`http.${status}`) ? t(`http.${status}`) : t("http.other", { status });
}

/** Sets the texts of the marked elements under root (see the top of this file). */
export function applyTexts(root = document) {
  for (const element of root.querySelectorAll("[data-i18n]")) element.textContent = t(element.dataset.i18n);
  for (const attribute of TEXT_ATTRIBUTES) {
    for (const element of root.querySelectorAll(`[data-i18n-${attribute}]`))
      element.setAttribute(attribute, t(element.getAttribute(`data-i18n-${attribute}`)));
  }
}

/** Stores the choice and shows the page again in that language (a language in the address would override it). */
export function switchLanguage(next) {
  if (next === lang || !Object.hasOwn(DICTIONARIES, next)) return;
  const url = new URL(location.href);
  if (storeLanguage(next)) url.searchParams.delete("lang");
  else url.searchParams.set("lang", next);
  if (url.href === location.href) location.reload();
  else location.replace(url.href);
}

/** "Deutsch | English" at the end of the page header; the current language is pressed. */
function mountLanguageSwitch() {
  const header = document.querySelector("body > header");
  if (!header || header.querySelector(".lang-switch")) return;
  const nav = document.createElement("nav");
  nav.className = "lang-switch";
  nav.setAttribute("aria-label", t("lang.switch"));
  for (const [code, name] of Object.entries(LANGUAGE_NAMES)) {
    if (nav.childElementCount > 0) {
      const separator = document.createElement("span");
      separator.setAttribute("aria-hidden", "true");
      separator.textContent = "|";
      nav.append(separator);
    }
    const button = document.createElement("button");
    button.type = "button";
    button.lang = code;
    button.textContent = name;
    button.setAttribute("aria-pressed", String(code === lang));
    button.addEventListener("click", () => switchLanguage(code));
    nav.append(button);
  }
  header.append(nav);
}

document.documentElement.lang = lang;
applyTexts();
mountLanguageSwitch();
