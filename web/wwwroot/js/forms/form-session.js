// The connection side of one form session, for the portal and the agent desktop. No DOM code here.
//
// - State: the FormViewState with the highest seq wins (pushes as event formState, answers of OpenForm/GetFormState);
//   after every reconnect it asks GetFormState, so a push lost on the way costs nothing. An edit is pushed as event
//   formChange (the changed fields, all steps, complete): applied to the state whose seq is its baseSeq; any other
//   seq held means a change was missed, and the state is fetched (GetFormState). The change of an own edit comes in
//   its answer instead (answerWithChange): when the pushes before it are still on their way, it waits for them.
// - Edits: per field at most ONE edit on the wire, with the field's version as its base. Keystrokes are coalesced:
//   a short pause after typing sends the latest value; while an edit is on its way, only the newest value waits and
//   goes out (with the version the answer brought) once the answer is in. A retry after a lost connection sends the
//   same operation id, so the server applies it once.
// - Conflict: the server refused a stale base version and answers the field as it stands; the losing page takes that
//   value and says who changed it ("Geändert von Ihrer Beraterin" / "… von der versicherten Person").
// - keepPaths(): the fields the local user is editing now (typed, not yet answered): a pushed state must not
//   overwrite what they are typing; only a conflict's answer does.
//
// Events (EventTarget): "state" (detail { state, notice? }), "presence" (detail: participants), "refused"
// (detail { code, text }: an edit or call the server refused, e.g. FORM_ACCESS_NOT_GRANTED after the insured ended access).
import { errorCode, errorText } from "/js/chat/hub-errors.js";
import { newId } from "/js/chat/ids.js";
import { delay } from "/js/chat/retry.js";
import { t } from "/js/i18n.js";
import { currentSession } from "/js/session.js";
import { formEvents } from "./form-events.js";
import { uploadFormFile } from "./form-http.js";
import { rowIds, rowPath } from "./paths.js";

/** How long typing pauses before the value goes out. */
export const TYPING_DEBOUNCE_MS = 150;

/** The pause before an edit refused with RATE_LIMITED goes out again. */
const RATE_LIMIT_PAUSE_MS = 1000;

/** The notice on the losing side of a conflict, by the role of who wrote the field. */
export function conflictNotice(role) {
  return role === "Insured" ? t("forms.conflict.byInsured") : t("forms.conflict.byAgent");
}

export class FormSession extends EventTarget {
  #link;
  #unlisten;
  #slots = new Map(); // path -> { value, dirty, inFlight, baseVersion, timer }
  #early = new Map(); // baseSeq -> an answer's change that came before the pushes it follows
  #focus = { sending: false, next: null };
  #presenceAt = 0;
  #onReconnect;
  #reconnectEvent;
  me = currentSession()?.userId ?? "";
  definition = null;
  state = null;
  participants = [];
  closed = false;

  /** link: HubLink or ChatClient; reconnectEvent: its event after a (re)connect ("open" or "connected"). */
  constructor(link, sessionId, reconnectEvent = "open") {
    super();
    this.#link = link;
    this.sessionId = String(sessionId).toLowerCase();
    this.#unlisten = formEvents(link).listen(this.sessionId, {
      state: state => this.#applyState(state, false),
      change: change => this.#applyChange(change),
      presence: notice => this.#applyPresence(notice.participants, notice.at),
    });
    this.#reconnectEvent = reconnectEvent;
    this.#onReconnect = () => this.refresh();
    link.addEventListener(reconnectEvent, this.#onReconnect);
  }

  /** Takes a FormSessionSnapshot (OpenForm, StartForm, ProposeForm, StartFormForWorkItem). */
  adopt(snapshot) {
    this.definition = typeof snapshot.definition === "string" ? JSON.parse(snapshot.definition) : snapshot.definition;
    this.#applyState(snapshot.state, true);
    return this;
  }

  /** OpenForm: the definition and the state. */
  async open() {
    return this.adopt(await this.#link.invokeReliably("OpenForm", this.sessionId));
  }

  /** GetFormState: after a reconnect, or when a push may have been lost. */
  async refresh() {
    if (this.closed || !this.#link.connected) return;
    try {
      this.#applyState(await this.#link.invoke("GetFormState", this.sessionId), true);
    } catch (error) {
      this.#refused(error);
    }
  }

  /** The current state of one field (path), or null. */
  field(path) {
    return this.state?.fields?.find(f => f.path === path) ?? null;
  }

  /** Paths the local user is editing (typed and not yet answered, or an edit on its way). */
  keepPaths() {
    return new Set([...this.#slots].filter(([, s]) => s.dirty || s.inFlight).map(([path]) => path));
  }

  /** The user changed a field: sent after a short pause (immediately for clicks), coalesced per field. */
  edit(path, value, immediate = false) {
    let slot = this.#slots.get(path);
    if (!slot) {
      slot = { value: null, dirty: false, inFlight: false, baseVersion: this.field(path)?.version ?? 0, timer: null };
      this.#slots.set(path, slot);
    } else if (!slot.dirty && !slot.inFlight) {
      // A new round of typing starts from the version the page shows now.
      slot.baseVersion = this.field(path)?.version ?? 0;
    }
    slot.value = value;
    slot.dirty = true;
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => this.#flush(path), immediate ? 0 : TYPING_DEBOUNCE_MS);
  }

  /** Resolves once every edit typed so far is answered (before a submit); waits at most 10 s. */
  async settled() {
    for (const [path, slot] of this.#slots) {
      if (slot.dirty && !slot.inFlight) {
        clearTimeout(slot.timer);
        this.#flush(path);
      }
    }
    const until = Date.now() + 10_000;
    while (this.keepPaths().size > 0 && Date.now() < until) await delay(50);
  }

  /** Adds a row to a repeating group (the row id chosen here); based on the group's version. */
  addRow(groupId, rowId) {
    return this.#send(rowPath(groupId, rowId), null, "AddRow", this.field(groupId)?.version ?? 0);
  }

  removeRow(groupId, rowId) {
    return this.#send(rowPath(groupId, rowId), null, "RemoveRow", this.field(groupId)?.version ?? 0);
  }

  /** Uploads a file for a file field (HTTP); the server sets the value. */
  async upload(path, file) {
    const result = await uploadFormFile(this.sessionId, path, file, newId(), this.field(path)?.version ?? 0);
    this.#answered(path, result, result.status === "Conflict" ? conflictNotice(result.field?.lastWriterRole) : null);
    return result;
  }

  /** Where the user is (best effort; only the newest position is sent). */
  focus(stepId, fieldPath) {
    this.#focus.next = { stepId: stepId ?? null, fieldPath: fieldPath ?? null };
    if (!this.#focus.sending) this.#sendFocus();
  }

  async #sendFocus() {
    this.#focus.sending = true;
    try {
      while (this.#focus.next && this.#link.connected && !this.closed) {
        const { stepId, fieldPath } = this.#focus.next;
        this.#focus.next = null;
        try { await this.#link.invoke("FocusForm", this.sessionId, stepId, fieldPath); } catch { /* best effort */ }
      }
    } finally {
      this.#focus.sending = false;
    }
  }

  /** Stops listening and tells the server this page left (best effort). */
  async close() {
    if (this.closed) return;
    this.closed = true;
    this.#unlisten();
    this.#link.removeEventListener(this.#reconnectEvent, this.#onReconnect);
    for (const slot of this.#slots.values()) clearTimeout(slot.timer);
    try { if (this.#link.connected) await this.#link.invoke("LeaveForm", this.sessionId); } catch { /* gone anyway */ }
  }

  async #flush(path) {
    const slot = this.#slots.get(path);
    if (!slot || !slot.dirty || slot.inFlight || this.closed) return;
    slot.dirty = false;
    slot.inFlight = true;
    const value = slot.value;
    try {
      const result = await this.#link.invokeReliably("EditForm", this.sessionId, {
        operationId: newId(), path, value, baseVersion: slot.baseVersion, kind: "Set", answerWithChange: true,
      });
      slot.inFlight = false;
      if (result.status === "Conflict") {
        // Lost: what the user typed meanwhile goes too; the field shows the winner's value.
        clearTimeout(slot.timer);
        this.#slots.delete(path);
        this.#answered(path, result, conflictNotice(result.field?.lastWriterRole));
        return;
      }
      slot.baseVersion = result.field?.version ?? slot.baseVersion;
      if (!slot.dirty) this.#slots.delete(path);
      this.#answered(path, result, null);
      if (slot.dirty) this.#flush(path);
    } catch (error) {
      slot.inFlight = false;
      if (errorCode(error) === "RATE_LIMITED") {
        // Too many calls in a second: the newest value goes out a moment later.
        slot.dirty = true;
        clearTimeout(slot.timer);
        slot.timer = setTimeout(() => this.#flush(path), RATE_LIMIT_PAUSE_MS);
        return;
      }
      clearTimeout(slot.timer);
      this.#slots.delete(path);
      this.#refused(error);
      this.refresh();
    }
  }

  async #send(path, value, kind, baseVersion) {
    const edit = { operationId: newId(), path, value, baseVersion, kind, answerWithChange: true };
    try {
      let result;
      for (;;) {
        try {
          result = await this.#link.invokeReliably("EditForm", this.sessionId, edit);
          break;
        } catch (error) {
          if (errorCode(error) !== "RATE_LIMITED") throw error;
          await delay(RATE_LIMIT_PAUSE_MS);
        }
      }
      this.#answered(result.field?.path ?? path, result, result.status === "Conflict" ? conflictNotice(result.field?.lastWriterRole) : null);
      return result;
    } catch (error) {
      this.#refused(error);
      this.refresh();
      return null;
    }
  }

  /**
   * An edit's answer: its change (answerWithChange) or at least the field as it stands now goes into the state (a
   * whole state push follows when the edit added or removed a row).
   */
  #answered(path, result, notice) {
    if (result?.change) this.#mergeChange(result.change, true);
    const field = result?.field;
    if (field && this.state) {
      const fields = [...this.state.fields];
      const index = fields.findIndex(f => f.path === field.path);
      if (index < 0) fields.push(field);
      else if (fields[index].version <= field.version) fields[index] = field;
      this.state = { ...this.state, fields };
    }
    this.dispatchEvent(new CustomEvent("state", { detail: { state: this.state, notice: notice ? { path: field?.path ?? path, text: notice } : null } }));
  }

  #applyState(state, authoritative) {
    if (!state || String(state.sessionId).toLowerCase() !== this.sessionId) return;
    if (this.state && (state.seq < this.state.seq || (!authoritative && state.seq === this.state.seq))) return;
    // A field an edit's answer already brought at a higher version stays (the push of an older change came late).
    const known = new Map((this.state?.fields ?? []).map(f => [f.path, f]));
    const fields = (state.fields ?? []).map(f => (known.get(f.path)?.version > f.version ? known.get(f.path) : f));
    this.state = { ...state, fields };
    this.#takeEarly();
    if (state.participants) this.#applyPresence(state.participants, state.updatedAt ?? "", true);
    this.dispatchEvent(new CustomEvent("state", { detail: { state: this.state, notice: null } }));
  }

  #applyChange(change) {
    if (this.#mergeChange(change, false)) this.dispatchEvent(new CustomEvent("state", { detail: { state: this.state, notice: null } }));
  }

  /** Applies a change to the state it follows; true when the state moved on. */
  #mergeChange(change, fromAnswer) {
    if (!change || String(change.sessionId).toLowerCase() !== this.sessionId) return false;
    if (this.state && change.seq <= this.state.seq) return false;
    if (!this.state || change.baseSeq !== this.state.seq) {
      // An answer may come before the pushes its change follows: it waits for them (a later push shows if one was lost).
      if (fromAnswer && this.state && change.baseSeq > this.state.seq) this.#early.set(change.baseSeq, change);
      // A change in between was missed (or no state yet): the whole state mends it.
      else this.refresh();
      return false;
    }
    const changed = new Map((change.fields ?? []).map(f => [f.path, f]));
    // As for a whole state: a field an edit's answer already brought at a higher version stays.
    const fields = this.state.fields.map(f => {
      const next = changed.get(f.path);
      return next && !(f.version > next.version) ? next : f;
    });
    this.state = { ...this.state, seq: change.seq, fields, steps: change.steps, complete: change.complete, updatedAt: change.updatedAt };
    this.#takeEarly();
    return true;
  }

  /** Applies the early change that follows the state held, if any, and forgets the ones it passed. */
  #takeEarly() {
    for (const baseSeq of [...this.#early.keys()]) {
      if (baseSeq < this.state.seq) this.#early.delete(baseSeq);
    }
    const next = this.#early.get(this.state.seq);
    if (!next) return;
    this.#early.delete(this.state.seq);
    this.#mergeChange(next, true);
  }

  #applyPresence(participants, at, fromState = false) {
    const when = Date.parse(at) || 0;
    if (!fromState && when < this.#presenceAt) return;
    this.#presenceAt = Math.max(this.#presenceAt, when);
    this.participants = participants ?? [];
    this.dispatchEvent(new CustomEvent("presence", { detail: this.participants }));
  }

  /** The other participants (not this user). */
  get others() { return this.participants.filter(p => p.userId !== this.me); }

  /** The rows of a repeating group as the state has them. */
  rows(groupId) { return rowIds(this.field(groupId)?.value); }

  #refused(error) {
    const code = errorCode(error);
    this.dispatchEvent(new CustomEvent("refused", { detail: { code, text: code ? errorText(error) : (error?.message ?? errorText(error)) } }));
  }
}
