// The screen pop: a call the telephony system put through to this agent (desk.incomingCall) shows at the top of the
// inbox with the caller's name from the audited customer panel, and the panel itself on the right while nothing else
// is selected. Gone when the call ends (the desk is pushed again without it).
import { t } from "/js/i18n.js";
import { customerName } from "./customer-panel.js";

/** Shows or hides the incoming call in root; panel is the caller's customer panel once loaded (or null). */
export function renderIncomingCall(root, call, panel) {
  root.hidden = !call;
  if (!call) {
    root.textContent = "";
    delete root.dataset.itemId;
    return;
  }
  root.dataset.itemId = call.itemId;
  const name = customerName(panel);
  const topic = call.topic ?? t("ws.call.noTopic");
  root.textContent = name ? t("ws.call.ringing", { name, topic }) : t("ws.call.unknown", { topic });
}
