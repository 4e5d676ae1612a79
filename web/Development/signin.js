// The development sign-in: one button per demo user.
import { t, tOr } from "/js/i18n.js";
import { sameSitePath, startPageFor } from "/js/oidc.js";
import { saveSession } from "/js/session.js";
const users = await (await fetch("/dev/users")).json();
for (const user of users) {
  const row = document.createElement("tr");
  const name = document.createElement("td"); name.textContent = user.displayName;
  // Role names are the server's (German); other languages name them where they know them.
  const roles = document.createElement("td"); roles.textContent = user.roles.map(role => tOr(`role.${role}`, role)).join(", ");
  const action = document.createElement("td");
  const button = document.createElement("button");
  button.textContent = t("signin.button"); button.dataset.user = user.id;
  button.addEventListener("click", async () => {
    const status = document.getElementById("status");
    status.textContent = t("signin.running");
    let response;
    try {
      response = await fetch("/dev/token", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ userId: user.id }) });
    } catch {
      status.textContent = t("signin.offline");
      return;
    }
    if (!response.ok) { status.textContent = t("signin.failed", { status: response.status }); return; }
    const session = await response.json();
    saveSession(session);
    // Back to the page that asked for the sign-in (e.g. the dashboard), if it is one of this site.
    location.href = sameSitePath(new URLSearchParams(location.search).get("returnTo")) ?? startPageFor(session.roles);
  });
  action.append(button);
  row.append(name, roles, action);
  document.getElementById("users").append(row);
}
