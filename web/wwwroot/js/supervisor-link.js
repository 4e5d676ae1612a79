// Shows the way to the supervisor view (#supervisor-link, hidden by default) to a signed-in supervisor. A plain
// request without side effects: a refused token here is the page's own business, not this link's.
import { currentSession } from "/js/session.js";

const link = document.getElementById("supervisor-link");
const session = currentSession();
if (link && session) {
  try {
    const response = await fetch("/api/me/", { headers: { Authorization: `Bearer ${session.accessToken}` } });
    if (response.ok && (await response.json()).roles.includes("Supervisor")) link.hidden = false;
  } catch {
    // Offline: no link.
  }
}
