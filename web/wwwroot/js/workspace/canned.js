// Canned responses of the agent's team (from the server: ListCannedResponses) inserted into the reply box, with the
// placeholders filled: {Vorname}, {Nachname} and {Anrede} from the customer panel ("Guten Tag Vorname Nachname"; the
// master data hold no form of address), {Agent} from the signed-in agent's name.

/** The text with its placeholders filled; a placeholder without data becomes empty (never shown as "{…}"). */
export function fillPlaceholders(text, { givenName, familyName, agentName }) {
  const values = {
    Vorname: givenName ?? "",
    Nachname: familyName ?? "",
    Anrede: givenName || familyName ? `Guten Tag ${[givenName, familyName].filter(Boolean).join(" ")}` : "Guten Tag",
    Agent: agentName ?? "",
  };
  return text.replace(/\{(Vorname|Nachname|Anrede|Agent)\}/g, (_, name) => values[name]).replace(/ {2,}/g, " ");
}

/** Inserts text at the caret of a textarea and tells the page (an input event, as typing would). */
export function insertIntoTextarea(textarea, text) {
  const start = textarea.selectionStart ?? textarea.value.length;
  const end = textarea.selectionEnd ?? start;
  textarea.value = textarea.value.slice(0, start) + text + textarea.value.slice(end);
  textarea.selectionStart = textarea.selectionEnd = start + text.length;
  textarea.dispatchEvent(new Event("input", { bubbles: true }));
  textarea.focus();
}

/** Fills the select with the responses (a first empty choice as its label). */
export function renderCannedChoices(select, responses, placeholder) {
  const first = document.createElement("option");
  first.value = "";
  first.textContent = placeholder;
  select.replaceChildren(first, ...responses.map((response, index) => {
    const option = document.createElement("option");
    option.value = String(index);
    option.textContent = response.title;
    return option;
  }));
}
