// Admin page "Regelwerk": rule sets, their versions, drafts, validation, publication and rollback (each confirmed in
// a <dialog>), diffs and dry runs. Talks only to /api/rules; every piece of data reaches the page through textContent.
import { has, locale, t } from "/js/i18n.js";
import { currentSession, sessionRefused, showUser } from "/js/session.js";

const $ = (id) => document.getElementById(id);

/** The text of key + name when there is one (e.g. "rules.status." + "Draft"), else name itself. */
const named = (key, name) => (has(key + name) ? t(key + name) : name);
const statusName = (status) => named("rules.status.", status);

/**
 * An error of the API as problem details: the title named by the problem's code or the HTTP status; the detail is
 * the server's (German) text.
 */
class ApiError extends Error {
  constructor(status, problem) {
    const code = `rules.problem.${problem?.title}`;
    const title = has(code) ? t(code) : has(`rules.http.${status}`) ? t(`rules.http.${status}`) : t("rules.http.other", { status });
    let detail = problem?.detail ?? "";
    if (!detail && status === 401) detail = t("rules.signIn");
    if (!detail && status === 403) detail = t("rules.forbidden");
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.problem = problem;
  }
}

async function api(method, path, body) {
  const session = currentSession();
  const headers = {};
  if (session) headers.Authorization = `Bearer ${session.accessToken}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { detail: t("rules.networkDetail") });
  }
  const type = response.headers.get("Content-Type") ?? "";
  const parsed = type.includes("json") ? await response.json().catch(() => null) : null;
  // A refused token ends the session: the page asks for a new sign-in.
  if (response.status === 401) sessionRefused();
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

const rulesPath = (name) => `/api/rules/${encodeURIComponent(name)}`;

// --- small DOM helpers (text only) ---------------------------------------------------------------------------------

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function cell(row, text, className) {
  const td = el("td", text, className);
  row.append(td);
  return td;
}

function button(text, onClick, className) {
  const b = el("button", text, className);
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
}

const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" });
const formatDate = (value) => (value ? dateFormat.format(new Date(value)) : "–");
const listText = (items) => (items && items.length ? items.join(", ") : "–");

function showError(container, error) {
  container.replaceChildren();
  container.hidden = false;
  const box = el("div", undefined, "rules-error error");
  box.setAttribute("role", "alert");
  box.append(el("strong", error instanceof ApiError ? error.title : t("rules.error")));
  const detail = error instanceof ApiError ? error.detail : error.message;
  if (detail) box.append(el("p", detail));
  container.append(box);
}

function setStatus(text, isError = false) {
  const status = $("status");
  status.textContent = text;
  status.className = isError ? "error" : "";
}

// --- problems (validation and rejected publication) ----------------------------------------------------------------

/** The expression with the character at the zero-based error position marked. */
function markedExpression(expression, position) {
  const code = el("code", undefined, "rules-expression");
  if (!expression) return code;
  if (position === null || position === undefined || position < 0) {
    code.textContent = expression;
    return code;
  }
  const at = Math.min(position, expression.length);
  const mark = el("mark", at < expression.length ? expression[at] : "\u00a0");
  mark.title = t("rules.errorAt", { position });
  mark.dataset.position = String(position);
  code.append(document.createTextNode(expression.slice(0, at)), mark, document.createTextNode(expression.slice(at + 1)));
  return code;
}

function problemsTable(problems) {
  const table = el("table", undefined, "rules-problems");
  const head = el("thead");
  const headRow = el("tr");
  for (const h of ["kind", "rule", "expression", "message", "testCase"]) headRow.append(el("th", t(`rules.column.${h}`)));
  head.append(headRow);
  const body = el("tbody");
  for (const p of problems) {
    const row = el("tr");
    row.dataset.kind = p.kind ?? "";
    if (p.ruleName) row.dataset.rule = p.ruleName;
    cell(row, named("rules.problemKind.", p.kind), "rules-problem-kind");
    cell(row, p.ruleName ?? "–", "rules-problem-rule");
    const expression = cell(row, undefined, "rules-problem-expression");
    if (p.expression) {
      expression.append(markedExpression(p.expression, p.position));
      if (p.position >= 0) expression.append(el("div", t("rules.position", { position: p.position }), "rules-hint"));
    } else {
      expression.textContent = "–";
    }
    cell(row, p.message, "rules-problem-message");
    cell(row, p.testCase ?? "–", "rules-problem-testcase");
    body.append(row);
  }
  table.append(head, body);
  return table;
}

// --- confirmation dialog -------------------------------------------------------------------------------------------

function confirmAction(title, message) {
  const dialog = $("confirm-dialog");
  $("confirm-title").textContent = title;
  $("confirm-message").textContent = message;
  return new Promise((resolve) => {
    const finish = (value) => {
      $("confirm-ok").removeEventListener("click", ok);
      $("confirm-cancel").removeEventListener("click", cancel);
      dialog.removeEventListener("cancel", escape);
      if (dialog.open) dialog.close();
      resolve(value);
    };
    const ok = () => finish(true);
    const cancel = () => finish(false);
    const escape = (event) => { event.preventDefault(); finish(false); };
    $("confirm-ok").addEventListener("click", ok);
    $("confirm-cancel").addEventListener("click", cancel);
    dialog.addEventListener("cancel", escape);
    dialog.showModal();
    $("confirm-cancel").focus();
  });
}

// --- state ---------------------------------------------------------------------------------------------------------

const state = {
  list: [],
  name: null,
  overview: null,
  documents: new Map(), // version -> parsed document; versions never change once stored
  selection: 0,
};

async function loadDocument(version) {
  const key = `${state.name}@${version}`;
  if (!state.documents.has(key)) state.documents.set(key, await api("GET", `${rulesPath(state.name)}/versions/${version}`));
  return state.documents.get(key);
}

// --- rule set list -------------------------------------------------------------------------------------------------

async function loadList() {
  state.list = await api("GET", "/api/rules/");
  const body = $("rulesets");
  body.replaceChildren();
  for (const item of state.list) {
    const row = el("tr");
    row.dataset.ruleset = item.name;
    if (item.name === state.name) row.setAttribute("aria-current", "true");
    const nameCell = cell(row);
    const open = button(item.name, () => selectRuleSet(item.name), "rules-link");
    open.dataset.ruleset = item.name;
    nameCell.append(open);
    cell(row, item.description);
    cell(row, item.activeVersion ?? t("rules.none"), "rules-active");
    body.append(row);
  }
}

// --- one rule set --------------------------------------------------------------------------------------------------

async function selectRuleSet(name) {
  const selection = ++state.selection;
  state.name = name;
  if (location.hash.slice(1) !== encodeURIComponent(name)) history.replaceState(null, "", `#${encodeURIComponent(name)}`);
  for (const row of $("rulesets").children) row.toggleAttribute("aria-current", row.dataset.ruleset === name);
  for (const id of ["draft", "document", "action-result"]) $(id).hidden = true;
  $("diff-result").replaceChildren();
  $("dryrun-result").replaceChildren();
  $("dryrun-input").value = "";
  $("dryrun-version").replaceChildren();
  const item = state.list.find((r) => r.name === name);
  $("ruleset-title").textContent = name;
  $("ruleset-description").textContent = item?.description ?? "";
  $("ruleset").hidden = false;
  try {
    await refreshOverview();
    if (selection !== state.selection) return;
    await prefillDryRun();
  } catch (error) {
    showError($("action-result"), error);
  }
}

async function refreshOverview() {
  const name = state.name;
  const overview = await api("GET", rulesPath(name));
  if (name !== state.name) return;
  state.overview = overview;
  renderOverview();
}

function renderOverview() {
  const { activeVersion, versions } = state.overview;
  $("active-version").textContent = activeVersion ? t("rules.activeVersion", { version: activeVersion }) : t("rules.noActiveVersion");
  const listItem = state.list.find((r) => r.name === state.name);
  if (listItem) {
    listItem.activeVersion = activeVersion;
    const activeCell = $("rulesets").querySelector(`tr[data-ruleset="${CSS.escape(state.name)}"] .rules-active`);
    if (activeCell) activeCell.textContent = activeVersion ?? t("rules.none");
  }
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  const body = $("versions");
  body.replaceChildren();
  for (const v of sorted) {
    const row = el("tr");
    row.dataset.version = String(v.version);
    row.dataset.status = v.status;
    const active = v.version === activeVersion;
    row.dataset.active = String(active);
    const versionCell = cell(row, v.version, "rules-version");
    if (active) versionCell.append(" ", el("span", t("rules.activeBadge"), "rules-badge"));
    cell(row, statusName(v.status), `rules-status rules-status-${v.status.toLowerCase()}`);
    cell(row, v.createdBy);
    cell(row, formatDate(v.createdAt));
    cell(row, v.publishedAt ? `${formatDate(v.publishedAt)}${v.publishedBy ? ` (${v.publishedBy})` : ""}` : "–");
    cell(row, v.comment ?? "–");
    const actions = cell(row, undefined, "rules-row-actions");
    actions.append(button(t("rules.show"), () => showDocument(v.version), "secondary"));
    actions.append(button(t("rules.validate"), () => validate(v.version), "secondary"));
    if (v.status === "Draft") actions.append(button(t("rules.publish"), () => publish(v.version)));
    if (v.publishedAt && !active) actions.append(button(t("rules.rollbackTo", { version: v.version }), () => rollback(v.version)));
    body.append(row);
  }
  fillVersionSelect($("diff-from"), sorted, sorted[1]?.version ?? sorted[0]?.version);
  fillVersionSelect($("diff-to"), sorted, sorted[0]?.version);
  fillVersionSelect($("dryrun-version"), sorted, $("dryrun-version").value ? Number($("dryrun-version").value) : activeVersion);
}

function fillVersionSelect(select, versions, preferred) {
  const previous = select.value;
  select.replaceChildren();
  for (const v of versions) {
    const active = v.version === state.overview.activeVersion ? t("rules.activeSuffix") : "";
    const option = el("option", t("rules.versionOption", { version: v.version, status: statusName(v.status), active }));
    option.value = String(v.version);
    select.append(option);
  }
  const wanted = select === $("dryrun-version") && previous ? previous : String(preferred ?? "");
  if ([...select.options].some((o) => o.value === wanted)) select.value = wanted;
}

function actionResult() {
  const container = $("action-result");
  container.replaceChildren();
  container.hidden = false;
  return container;
}

async function showDocument(version) {
  const panel = $("document");
  try {
    const doc = await loadDocument(version);
    $("document-title").textContent = t("rules.documentOf", { version });
    $("document-json").textContent = JSON.stringify(doc, null, 2);
    panel.dataset.version = String(version);
    panel.hidden = false;
    panel.scrollIntoView({ block: "nearest" });
  } catch (error) {
    showError(actionResult(), error);
  }
}

async function validate(version) {
  const container = actionResult();
  container.append(el("p", t("rules.validating", { version })));
  try {
    const problems = await api("POST", `${rulesPath(state.name)}/versions/${version}/validate`);
    container.replaceChildren();
    container.dataset.action = "validate";
    container.dataset.version = String(version);
    if (problems.length === 0) {
      container.append(el("p", t("rules.valid", { version }), "ok"));
    } else {
      container.append(el("p", t("rules.invalid", { version, count: problems.length }), "error"));
      container.append(problemsTable(problems));
    }
  } catch (error) {
    showError(container, error);
  }
}

async function publish(version) {
  const confirmed = await confirmAction(
    t("rules.publishTitle"),
    t("rules.publishQuestion", { version, name: state.name }));
  if (!confirmed) return;
  const container = actionResult();
  container.dataset.action = "publish";
  container.dataset.version = String(version);
  container.append(el("p", t("rules.publishing", { version })));
  try {
    await api("POST", `${rulesPath(state.name)}/versions/${version}/publish`);
    container.replaceChildren(el("p", t("rules.published", { version }), "ok"));
    $("draft").hidden = true; // its template was the previous active version
  } catch (error) {
    showError(container, error);
    const problems = error instanceof ApiError ? error.problem?.problems : null;
    if (problems?.length) container.append(problemsTable(problems));
  }
  await refreshAfterChange();
}

async function rollback(version) {
  const confirmed = await confirmAction(
    t("rules.rollbackTo", { version }),
    t("rules.rollbackQuestion", { version, name: state.name }));
  if (!confirmed) return;
  const container = actionResult();
  container.dataset.action = "rollback";
  container.dataset.version = String(version);
  container.append(el("p", t("rules.rollingBack", { version })));
  try {
    await api("POST", `${rulesPath(state.name)}/rollback`, { version });
    container.replaceChildren(el("p", t("rules.rolledBack", { version }), "ok"));
    $("draft").hidden = true;
  } catch (error) {
    showError(container, error);
  }
  await refreshAfterChange();
}

async function refreshAfterChange() {
  try {
    await refreshOverview();
  } catch (error) {
    setStatus(error.message, true);
  }
}

// --- drafts --------------------------------------------------------------------------------------------------------

async function openDraft() {
  const panel = $("draft");
  $("draft-result").replaceChildren();
  delete $("draft-result").dataset.version;
  const base = state.overview?.activeVersion ?? Math.max(0, ...(state.overview?.versions ?? []).map((v) => v.version));
  try {
    if (base) {
      const doc = await loadDocument(base);
      $("draft-document").value = JSON.stringify(doc, null, 2);
      const active = base === state.overview.activeVersion ? t("rules.activeSuffix") : "";
      $("draft-base").textContent = t("rules.template", { version: base, active });
    } else {
      $("draft-document").value = "";
      $("draft-base").textContent = t("rules.noTemplate");
    }
    $("draft-comment").value = "";
    panel.hidden = false;
    $("draft-document").focus();
  } catch (error) {
    showError($("draft-result"), error);
    panel.hidden = false;
  }
}

async function saveDraft() {
  const result = $("draft-result");
  result.replaceChildren();
  delete result.dataset.version;
  let doc;
  try {
    doc = JSON.parse($("draft-document").value);
  } catch (error) {
    showError(result, new Error(t("rules.documentNotJson", { message: error.message })));
    return;
  }
  const comment = $("draft-comment").value.trim();
  const query = comment ? `?comment=${encodeURIComponent(comment)}` : "";
  const save = $("draft-save");
  save.disabled = true;
  try {
    const info = await api("POST", `${rulesPath(state.name)}/versions${query}`, doc);
    result.dataset.version = String(info.version);
    result.append(el("p", t("rules.draftSaved", { version: info.version }), "ok"));
    await refreshOverview();
  } catch (error) {
    showError(result, error);
  } finally {
    save.disabled = false;
  }
}

// --- diff ----------------------------------------------------------------------------------------------------------

function nameList(title, names, className) {
  const section = el("div", undefined, className);
  section.append(el("h4", title));
  const list = el("ul");
  for (const n of names) list.append(el("li", n));
  section.append(list);
  return section;
}

async function runDiff() {
  const result = $("diff-result");
  result.replaceChildren();
  const from = $("diff-from").value;
  const to = $("diff-to").value;
  if (!from || !to) return;
  try {
    const diff = await api("GET", `${rulesPath(state.name)}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    result.dataset.from = String(diff.from);
    result.dataset.to = String(diff.to);
    result.append(el("p", t("rules.diffHeading", { from: diff.from, to: diff.to })));
    let any = false;
    if (diff.addedRules.length) { any = true; result.append(nameList(t("rules.addedRules"), diff.addedRules, "rules-diff-added")); }
    if (diff.removedRules.length) { any = true; result.append(nameList(t("rules.removedRules"), diff.removedRules, "rules-diff-removed")); }
    if (diff.changedRules.length) {
      any = true;
      const section = el("div", undefined, "rules-diff-changed");
      section.append(el("h4", t("rules.changedRules")));
      const table = el("table");
      const headRow = el("tr");
      for (const h of ["rule", "field", "before", "after"]) headRow.append(el("th", t(`rules.column.${h}`)));
      const head = el("thead");
      head.append(headRow);
      const body = el("tbody");
      for (const c of diff.changedRules) {
        const row = el("tr");
        row.dataset.rule = c.ruleName;
        row.dataset.field = c.field;
        cell(row, c.ruleName);
        cell(row, named("rules.field.", c.field));
        cell(row, undefined, "rules-diff-before").append(el("code", c.before ?? "–"));
        cell(row, undefined, "rules-diff-after").append(el("code", c.after ?? "–"));
        body.append(row);
      }
      table.append(head, body);
      section.append(table);
      result.append(section);
    }
    if (diff.addedTestCases.length) { any = true; result.append(nameList(t("rules.addedTestCases"), diff.addedTestCases, "rules-diff-added")); }
    if (diff.removedTestCases.length) { any = true; result.append(nameList(t("rules.removedTestCases"), diff.removedTestCases, "rules-diff-removed")); }
    if (diff.safeOutcomeChanged) { any = true; result.append(el("p", t("rules.safeOutcomeChanged"))); }
    if (diff.descriptionChanged) { any = true; result.append(el("p", t("rules.descriptionChanged"))); }
    if (!any) result.append(el("p", t("rules.noDifferences")));
  } catch (error) {
    showError(result, error);
  }
}

// --- dry run -------------------------------------------------------------------------------------------------------

async function prefillDryRun() {
  const version = Number($("dryrun-version").value);
  if (!version) return;
  const name = state.name;
  const input = $("dryrun-input");
  input.value = "";
  delete input.dataset.version;
  try {
    const doc = await loadDocument(version);
    if (name !== state.name || Number($("dryrun-version").value) !== version) return;
    const first = doc?.testCases?.[0]?.input ?? {};
    input.value = JSON.stringify(first, null, 2);
    input.dataset.version = String(version);
  } catch (error) {
    showError($("dryrun-result"), error);
  }
}

function decisionRow(list, term, value, id) {
  const dt = el("dt", term);
  const dd = el("dd", value);
  if (id) dd.id = id;
  list.append(dt, dd);
}

async function runDryRun() {
  const result = $("dryrun-result");
  result.replaceChildren();
  let input;
  try {
    input = JSON.parse($("dryrun-input").value);
  } catch (error) {
    showError(result, new Error(t("rules.inputNotJson", { message: error.message })));
    return;
  }
  const version = Number($("dryrun-version").value) || null;
  try {
    const decision = await api("POST", `${rulesPath(state.name)}/dry-run`, { version, input });
    const list = el("dl", undefined, "rules-decision");
    decisionRow(list, t("rules.decision.outcome"), named("rules.outcome.", decision.outcome), "dryrun-outcome");
    list.lastChild.dataset.outcome = decision.outcome;
    decisionRow(list, t("rules.decision.version"), decision.version ?? "–", "dryrun-decision-version");
    decisionRow(list, t("rules.decision.fired"), listText(decision.firedRules), "dryrun-fired");
    decisionRow(list, t("rules.decision.failed"), listText(decision.failedRules), "dryrun-failed");
    decisionRow(list, t("rules.decision.errors"), listText(decision.errorRules), "dryrun-errors");
    decisionRow(list, t("rules.decision.events"), listText(decision.events), "dryrun-events");
    decisionRow(list, t("rules.decision.messages"), listText(decision.messages), "dryrun-messages");
    result.append(list);
  } catch (error) {
    showError(result, error);
  }
}

// --- wiring --------------------------------------------------------------------------------------------------------

$("new-draft").addEventListener("click", openDraft);
$("draft-save").addEventListener("click", saveDraft);
$("draft-cancel").addEventListener("click", () => { $("draft").hidden = true; });
$("document-close").addEventListener("click", () => { $("document").hidden = true; });
$("diff-run").addEventListener("click", runDiff);
$("dryrun-version").addEventListener("change", () => { $("dryrun-result").replaceChildren(); prefillDryRun(); });
$("dryrun-run").addEventListener("click", runDryRun);

showUser($("user"));
try {
  await loadList();
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted && state.list.some((r) => r.name === wanted)) await selectRuleSet(wanted);
  document.body.dataset.ready = "true";
} catch (error) {
  setStatus(error instanceof ApiError && error.status === 401 ? t("rules.signInAfter", { title: error.title }) : error.message, true);
}
