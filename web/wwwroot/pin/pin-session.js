// The case session of this tab: the short-lived token the login answered, bound to one case. Kept in sessionStorage
// only (gone with the tab), never in localStorage or a cookie; the page's staff or portal session is not touched.
const KEY = "kasse.pin.session";

/** { token, caseNumber, expiresAt } or null (also when it has expired). */
export function currentCaseSession() {
  let session = null;
  try { session = JSON.parse(sessionStorage.getItem(KEY) ?? "null"); } catch { session = null; }
  if (!session?.token) return null;
  if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) {
    forgetCaseSession();
    return null;
  }
  return session;
}

export function saveCaseSession(session) {
  sessionStorage.setItem(KEY, JSON.stringify({ token: session.token, caseNumber: session.caseNumber, expiresAt: session.expiresAt }));
}

export function forgetCaseSession() {
  sessionStorage.removeItem(KEY);
}

/** The Authorization header of the case session, or none. */
export function caseAuthorization() {
  const token = currentCaseSession()?.token;
  return token ? { Authorization: `Bearer ${token}` } : {};
}
