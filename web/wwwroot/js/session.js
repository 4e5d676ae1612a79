// The browser UIs keep the access token of the signed-in user in sessionStorage (per tab); the server also set it
// as an HttpOnly cookie for plain page loads such as the dashboard.
import { problemCode, t, tOr } from "/js/i18n.js";

export function currentSession() {
  const raw = sessionStorage.getItem("kasse.session");
  return raw ? JSON.parse(raw) : null;
}

export function saveSession(session) {
  sessionStorage.setItem("kasse.session", JSON.stringify(session));
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
  const response = await fetch(path, {
    headers: session ? { Authorization: `Bearer ${session.accessToken}` } : {},
  });
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* no problem body */ }
    // The title is German; other languages name it by the problem's code where they know it.
    const code = problemCode(problem);
    const title = problem?.title ?? `HTTP ${response.status}`;
    throw new Error(code ? tOr(`problem.${code}`, title) : title);
  }
  return response.json();
}

export function showUser(element) {
  const session = currentSession();
  element.textContent = session ? t("common.signedInAs", { name: session.displayName }) : t("common.signedOut");
  if (document.getElementById("signin-link") || document.getElementById("signout-link")) return;
  const link = document.createElement("a");
  if (session) {
    link.id = "signout-link";
    link.href = "/";
    link.textContent = t("common.signOut");
    link.addEventListener("click", async event => {
      event.preventDefault();
      await signOut();
      location.href = "/";
    });
  } else {
    // Signed out: a way to sign in that comes back to this page.
    link.id = "signin-link";
    link.href = `/signin/?returnTo=${encodeURIComponent(location.pathname)}`;
    link.textContent = t("common.signIn");
  }
  element.after(link);
}

/** Forgets the token in this tab and the dashboard's cookie. (The provider's own session is the provider's.) */
export async function signOut() {
  sessionStorage.removeItem("kasse.session");
  try {
    await fetch("/auth/cookie", { method: "DELETE" });
  } catch {
    // Offline: the cookie expires with its token.
  }
}
