// The browser UIs keep the access token of the signed-in user in sessionStorage (per tab); the server also set it
// as an HttpOnly cookie for plain page loads such as the dashboard.
import { problemCode, t, tOr } from "/js/i18n.js";

export function currentSession() {
  const raw = sessionStorage.getItem("kasse.session");
  return raw ? JSON.parse(raw) : null;
}

export function saveSession(session) {
  sessionStorage.setItem("kasse.session", JSON.stringify(session));
}

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
