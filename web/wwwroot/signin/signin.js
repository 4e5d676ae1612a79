// The sign-in at the OpenID Connect provider (/js/oidc.js).
import { t } from "/js/i18n.js";
import { completeSignIn, startSignIn } from "/js/oidc.js";
// One page for both legs: without an answer from the provider it starts the sign-in, with one it completes it.
const query = new URLSearchParams(location.search);
const status = document.getElementById("signin-status");
try {
  if (query.has("state") || query.has("error")) {
    status.textContent = t("oidc.completing");
    await completeSignIn();
  } else {
    // Only a path of this site may follow the sign-in (startSignIn checks), never another address.
    await startSignIn(query.get("returnTo"));
  }
} catch (error) {
  status.textContent = t("oidc.failed", { reason: error.message });
  document.getElementById("signin-again").hidden = false;
}
