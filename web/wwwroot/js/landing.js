// The landing page: the development sign-in link where it exists, and a plain notice when this installation keeps
// its data in memory only (the embedded default), with how to switch to PostgreSQL.
import "/js/i18n.js";

async function answers(path) {
  try {
    const response = await fetch(path, { cache: "no-store" });
    return response.ok ? response : null;
  } catch {
    return null;
  }
}

const [devUsers, info] = await Promise.all([answers("/dev/users"), answers("/api/info")]);
// The development sign-in exists only in Development; show the link only where it answers.
if (devUsers) document.getElementById("dev-signin").hidden = false;
if ((await info?.json())?.storage === "memory") document.getElementById("storage-notice").hidden = false;
