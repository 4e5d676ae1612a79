// A form an agent proposed in a chat (event FormProposed, Text = JSON {"sessionId","formName","title":{"de","en"}}):
// a card with the form's title and, where the page says where forms open (the portal), "Formular öffnen".
import { element } from "./dom.js";
import { lang, t } from "/js/i18n.js";

let openUrl = null;

/** The page's address of a form session (the portal sets it; without it the card only names the form). */
export function setFormProposalLink(urlOf) {
  openUrl = urlOf;
}

/** Fills a chat row with the proposal card. */
export function renderFormProposal(row, item) {
  let proposal = null;
  try { proposal = JSON.parse(item.text); } catch { /* shown without details */ }
  const title = (lang === "en" && proposal?.title?.en) || proposal?.title?.de || proposal?.formName || "";
  row.className = "chat-form-proposal";
  row.append(element("p", "chat-form-proposal-text", t("chat.formProposed", { name: item.senderName ?? "", form: title })));
  if (openUrl && proposal?.sessionId) {
    const link = element("a", "button-link", t("chat.formOpen"));
    link.href = openUrl(proposal.sessionId);
    link.dataset.sessionId = proposal.sessionId;
    row.append(link);
  }
}
