// The browser UIs keep the access token of the signed-in user in sessionStorage (per tab); the server also set it
// as an HttpOnly cookie for plain page loads such as the dashboard.
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
    throw new Error(problem?.title ?? `HTTP ${response.status}`);
  }
  return response.json();
}

export function showUser(element) {
  const session = currentSession();
  element.textContent = session ? `Angemeldet als ${session.displayName}` : "Nicht angemeldet";
}
