// The browser UIs keep the access token of the signed-in user in sessionStorage (per tab); the server also set it
// as an HttpOnly cookie for plain page loads such as the dashboard. When the server refuses the token (HTTP 401: it
// expired, or the server no longer knows the key it was signed with), the session ends here and the page asks for a
// new sign-in (sessionRefused), instead of showing errors that no retry can mend.
import { httpStatusText, problemCode, serverTitle, t, tOr } from "/js/i18n.js";

const SESSION_KEY = "kasse.session";
const REFUSED_EVENT = "kasse:session-refused";

export function currentSession() {
  const raw = sessionStorage.getItem(SESSION_KEY);
  return raw ? JSON.parse(raw) : null;
}

export function saveSession(session) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  scheduleRenewal();
}

// A session from the OpenID Connect provider carries a refresh token: shortly before the access token expires, this
// page trades it for a new pair (the provider rotates refresh tokens). Hubs ask for the token on every (re)connect, so
// a connection the server closes at the old token's expiry comes back with the new one and resumes.
let renewalTimer = null;

function scheduleRenewal() {
  clearTimeout(renewalTimer);
  const session = currentSession();
  if (!session?.refreshToken || !session.expiresAt) return;
  const lifetime = session.expiresAt - (session.issuedAt ?? Date.now());
  const margin = Math.min(60_000, Math.max(2_000, lifetime * 0.3));
  renewalTimer = setTimeout(renew, Math.max(0, session.expiresAt - margin - Date.now()));
}

async function renew() {
  const session = currentSession();
  if (!session?.refreshToken) return;
  try {
    const response = await fetch(session.tokenEndpoint, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: session.refreshToken, client_id: session.clientId }),
    });
    if (!response.ok) return; // refused (revoked, expired): the session ends with its token
    const tokens = await response.json();
    saveSession({ ...session, ...tokenFields(tokens), refreshToken: tokens.refresh_token ?? session.refreshToken });
    await storePageCookie(tokens.access_token);
  } catch {
    // Offline for the moment: try again shortly while the token lasts.
    if (Date.now() < session.expiresAt) renewalTimer = setTimeout(renew, 5_000);
  }
}

/** Hands the token to the server as the dashboard's HttpOnly cookie (plain page loads cannot send a header). */
export function storePageCookie(accessToken) {
  return fetch("/auth/cookie", { method: "POST", headers: { Authorization: `Bearer ${accessToken}` } });
}

/** The session fields of a token response: the access token and when it expires. */
export function tokenFields(tokens) {
  const issuedAt = Date.now();
  return { accessToken: tokens.access_token, issuedAt, expiresAt: issuedAt + (tokens.expires_in ?? 300) * 1000 };
}

scheduleRenewal();

export async function apiGet(path) {
  const session = currentSession();
  let response;
  try {
    response = await fetch(path, { headers: session ? { Authorization: `Bearer ${session.accessToken}` } : {} });
  } catch {
    // The browser's own text ("Failed to fetch") is English: say it in the page's language.
    throw new Error(t("common.offline"));
  }
  if (!response.ok) {
    if (response.status === 401) {
      sessionRefused();
      throw Object.assign(new Error(t("session.refused")), { sessionRefused: true });
    }
    let problem = null;
    try { problem = await response.json(); } catch { /* no problem body */ }
    // The title is German; other languages name it by the problem's code where they know it. A bare status has no
    // German title: its text comes from the page's language.
    const code = problemCode(problem);
    const title = serverTitle(problem) ?? httpStatusText(response.status);
    throw new Error(code ? tOr(`problem.${code}`, title) : title);
  }
  return response.json();
}

let userElement = null;

/** Shows who is signed in (or that no one is) in element, with a link to sign out (or in); again after a refusal. */
export function showUser(element) {
  userElement = element;
  const session = currentSession();
  element.textContent = session ? t("common.signedInAs", { name: session.displayName }) : t("common.signedOut");
  element.parentElement?.querySelector("#signin-link, #signout-link")?.remove();
  element.after(session ? signOutLink() : signInLink("signin-link", t("common.signIn")));
}

function signOutLink() {
  const link = document.createElement("a");
  link.id = "signout-link";
  link.href = "/";
  link.textContent = t("common.signOut");
  link.addEventListener("click", async event => {
    event.preventDefault();
    await signOut();
    location.href = "/";
  });
  return link;
}

/** A way to sign in that comes back to this page. */
function signInLink(id, text) {
  const link = document.createElement("a");
  link.id = id;
  link.href = `/signin/?returnTo=${encodeURIComponent(location.pathname + location.search)}`;
  link.textContent = text;
  return link;
}

/** Forgets the token in this tab and the dashboard's cookie. (The provider's own session is the provider's.) */
export async function signOut() {
  forgetSession();
  try {
    await fetch("/auth/cookie", { method: "DELETE" });
  } catch {
    // Offline: the cookie expires with its token.
  }
}

function forgetSession() {
  clearTimeout(renewalTimer);
  sessionStorage.removeItem(SESSION_KEY);
}

let refused = false;

/**
 * The server refused this tab's token: forget it, say so at the top of the page with a link to sign in again (back
 * to this page), and tell the page's parts (onSessionRefused), e.g. the chat stops reconnecting. Once per page.
 */
export function sessionRefused() {
  if (refused) return;
  refused = true;
  signOut();
  if (userElement) showUser(userElement);
  const notice = document.createElement("p");
  notice.id = "session-refused";
  notice.className = "session-refused";
  notice.setAttribute("role", "alert");
  notice.append(`${t("session.refused")} `, signInLink("session-signin", t("session.signInAgain")));
  (document.querySelector("main") ?? document.body).prepend(notice);
  dispatchEvent(new CustomEvent(REFUSED_EVENT));
}

/** Calls listener once the session has been refused (see sessionRefused). */
export function onSessionRefused(listener) {
  if (refused) queueMicrotask(listener);
  else addEventListener(REFUSED_EVENT, listener, { once: true });
}

/**
 * Asks the server whether it still accepts this tab's token (after a connection failed: a browser hides a WebSocket
 * upgrade's 401). Resolves true when the session has ended (refused now or before); a network failure says nothing.
 */
export async function checkSession() {
  const session = currentSession();
  if (refused || !session) return true;
  try {
    const response = await fetch("/api/me/", { headers: { Authorization: `Bearer ${session.accessToken}` }, cache: "no-store" });
    if (response.status === 401 && currentSession()?.accessToken === session.accessToken) sessionRefused();
  } catch {
    // The server is not reachable: nothing known about the token.
  }
  return refused;
}
