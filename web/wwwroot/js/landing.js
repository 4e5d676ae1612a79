// The landing page.
import "/js/i18n.js";
// The development sign-in exists only in Development; show the link only where it answers.
const probe = await fetch("/dev/users");
if (probe.ok) document.getElementById("dev-signin").hidden = false;
