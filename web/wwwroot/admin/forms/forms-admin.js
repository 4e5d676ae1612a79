// The admin's forms page: the definitions (GET /api/forms/definitions) and a preview of one with the same renderer
// as the portal, fed by POST /api/forms/definitions/{name}/preview. Nothing is stored: the values live in this page;
// every change asks the server again (debounced, only the newest answer counts) what is visible, required and wrong.
import { element } from "/js/chat/dom.js";
import { authorization, problemOf } from "/js/chat/http.js";
import { renderForm } from "/js/forms/form-renderer.js";
import { localized, newRowId, rowPath } from "/js/forms/paths.js";
import { lang, t } from "/js/i18n.js";
import { apiGet, showUser } from "/js/session.js";

const $ = id => document.getElementById(id);
const PREVIEW_DEBOUNCE_MS = 150;
showUser($("user"));

async function preview(name, values) {
  const response = await fetch(`/api/forms/definitions/${encodeURIComponent(name)}/preview`, {
    method: "POST",
    headers: { ...authorization(), "Content-Type": "application/json" },
    body: JSON.stringify({ values }),
  });
  if (!response.ok) throw await problemOf(response);
  return response.json();
}

let current = null; // { name, values, renderer, asked, timer, typing: Set }

async function ask(state) {
  const number = ++state.asked;
  try {
    const answer = await preview(state.name, state.values);
    if (number !== state.asked || current !== state) return; // a newer question is on its way
    $("status").textContent = "";
    if (!state.renderer) {
      const definition = typeof answer.definition === "string" ? JSON.parse(answer.definition) : answer.definition;
      $("preview-title").textContent = t("forms.admin.previewOf", { title: localized(definition.title, lang) });
      state.renderer = renderForm($("preview-form"), definition, {
        language: lang,
        onEdit: (path, value, immediate) => change(state, path, value, immediate),
        onAddRow: groupId => {
          const rowId = newRowId();
          state.values[groupId] = [...(Array.isArray(state.values[groupId]) ? state.values[groupId] : []), rowId];
          change(state, null, null, true);
        },
        onRemoveRow: (groupId, rowId) => {
          state.values[groupId] = (state.values[groupId] ?? []).filter(id => id !== rowId);
          for (const path of Object.keys(state.values)) if (path.startsWith(`${rowPath(groupId, rowId)}.`)) delete state.values[path];
          change(state, null, null, true);
        },
      });
    }
    state.renderer.applyState({ fields: answer.fields, steps: answer.steps }, { keep: state.typing });
    state.typing = new Set();
    $("preview-complete").textContent = t(answer.complete ? "forms.admin.complete" : "forms.admin.incomplete");
  } catch (error) {
    if (number === state.asked) $("status").textContent = error.message;
  }
}

function change(state, path, value, immediate) {
  if (path) {
    if (value === null) delete state.values[path];
    else state.values[path] = value;
    state.typing.add(path);
  }
  clearTimeout(state.timer);
  state.timer = setTimeout(() => ask(state), immediate ? 0 : PREVIEW_DEBOUNCE_MS);
}

function open(name) {
  $("status").textContent = "";
  current?.renderer?.destroy();
  current = { name, values: {}, renderer: null, asked: 0, timer: null, typing: new Set() };
  $("preview").hidden = false;
  $("preview").dataset.form = name;
  for (const row of document.querySelectorAll("#definitions tr")) {
    if (row.dataset.name === name) row.setAttribute("aria-current", "true");
    else row.removeAttribute("aria-current");
  }
  ask(current);
}

try {
  const definitions = await apiGet("/api/forms/definitions");
  $("definitions").replaceChildren(...definitions.map(d => {
    const row = element("tr");
    row.dataset.name = d.name;
    const versions = Array.isArray(d.versions) ? d.versions.length : "";
    for (const text of [d.name, localized(d.title, lang), d.activeVersion ?? "–", versions]) row.append(element("td", null, String(text)));
    const button = element("button", "secondary", t("forms.admin.preview"));
    button.type = "button";
    button.setAttribute("aria-label", t("forms.admin.previewNamed", { name: d.name }));
    button.addEventListener("click", () => open(d.name));
    const cell = element("td");
    cell.append(button);
    row.append(cell);
    return row;
  }));
} catch (error) {
  $("status").textContent = t("common.loadError", { message: error.message });
}
