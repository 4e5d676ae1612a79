// Sign-in at the Kasse's OpenID Connect provider: the authorization code flow with PKCE (S256) for a public client,
// run in the browser. The server only says where to sign in (/auth/config) and checks the tokens it is given; it
// never sees a password or an authorization code. In the development environment /dev/signin takes its place.
import { t } from "/js/i18n.js";
import { saveSession, storePageCookie, tokenFields } from "/js/session.js";

const PENDING_KEY = "kasse.signin";
const START_PAGES = { Versicherter: "/portal/", Agent: "/agent/", Supervisor: "/agent/", Admin: "/admin/", Integrator: "/api-docs" };

const redirectUri = () => `${location.origin}/signin/`;

function base64Url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomText(byteCount) {
  return base64Url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

async function challengeOf(verifier) {
  return base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
}

async function getJson(url, init) {
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new Error(t("oidc.unreachable", { host: new URL(url, location.href).host }));
  }
  if (!response.ok) throw new Error(`${new URL(url, location.href).pathname}: HTTP ${response.status}`);
  return response.json();
}

/**
 * A path of this site to go to after the sign-in, or null. Parsed as the browser will parse it, so "/\\evil.example"
 * or a tab inside "//" cannot lead to another host.
 */
export function sameSitePath(requested) {
  if (!requested) return null;
  try {
    const url = new URL(requested, location.origin);
    return url.origin === location.origin ? url.pathname + url.search + url.hash : null;
  } catch {
    return null;
  }
}

/** The start page for a user's first role (the portal for insured persons, the desktop for agents, …). */
export function startPageFor(roles) {
  return START_PAGES[roles?.[0]] ?? "/";
}

/** Leaves for the provider's sign-in page; comes back to returnTo (or the user's start page) when done. */
export async function startSignIn(returnTo) {
  const config = await getJson("/auth/config");
  if (config.mode === "development") {
    const back = sameSitePath(returnTo);
    location.href = back ? `/dev/signin?returnTo=${encodeURIComponent(back)}` : "/dev/signin";
    return;
  }
  const discovery = await getJson(`${config.authority.replace(/\/$/, "")}/.well-known/openid-configuration`);
  const verifier = randomText(32);
  const state = randomText(16);
  // Per tab, and gone once used: the callback accepts only the answer to this very request.
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({
    verifier, state, returnTo: sameSitePath(returnTo), clientId: config.clientId, tokenEndpoint: discovery.token_endpoint,
  }));
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    response_type: "code",
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scope,
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: "S256",
  }).toString();
  location.href = authorize.toString();
}

/** On /signin/ with the provider's answer: exchanges the code for a token, stores the session and goes on; throws on any mismatch. */
export async function completeSignIn() {
  const answer = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? "null");
  sessionStorage.removeItem(PENDING_KEY);
  if (answer.has("error")) throw new Error(answer.get("error_description") ?? answer.get("error"));
  if (!pending || !answer.get("code") || answer.get("state") !== pending.state) throw new Error(t("oidc.foreignAnswer"));
  const tokens = await getJson(pending.tokenEndpoint, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: answer.get("code"),
      redirect_uri: redirectUri(),
      client_id: pending.clientId,
      code_verifier: pending.verifier,
    }),
  });
  // The server says who this is and with which roles: the same check every later call passes.
  const me = await getJson("/api/me/", { headers: { Authorization: `Bearer ${tokens.access_token}` } });
  saveSession({
    ...tokenFields(tokens),
    userId: me.subject,
    displayName: me.displayName,
    roles: me.roles,
    // For renewal before the access token expires (session.js).
    refreshToken: tokens.refresh_token,
    tokenEndpoint: pending.tokenEndpoint,
    clientId: pending.clientId,
  });
  await storePageCookie(tokens.access_token);
  location.replace(sameSitePath(pending.returnTo) ?? startPageFor(me.roles));
}
