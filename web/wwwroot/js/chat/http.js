// The chat's HTTP calls (attachments, transcript) with the session's bearer token, and their refusals as HttpProblem.
import { codeText, lang, problemCode, serverTitle, t } from "/js/i18n.js";
import { currentSession, sessionRefused } from "/js/session.js";

/**
 * An HTTP failure with the problem detail (the server's German text, or the page's language for a known code);
 * code is the problem title when it is a code (e.g. ATTACHMENT_TOO_LARGE).
 */
export class HttpProblem extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The HttpProblem of a refused response; a refused token (401) also ends the session (see sessionRefused). */
export async function problemOf(response) {
  if (response.status === 401) sessionRefused();
  let problem = null;
  try { problem = await response.json(); } catch { /* no problem body */ }
  const code = /^[A-Z][A-Z0-9_]{2,}$/.test(problem?.title ?? "") ? problem.title : null;
  // Only the server's own (German) texts; ASP.NET's default titles ("Unauthorized") are English.
  let text = problem?.detail ?? (code ? null : serverTitle(problem));
  // Also a code in the type only (…/problems/attachment-missing) names the text.
  text = codeText(problemCode(problem), text);
  if (!text) {
    const key = `chat.http.${response.status}`;
    text = t(key) === key ? t("chat.http.other", { status: response.status }) : t(key);
  }
  return new HttpProblem(response.status, code, text);
}

export function authorization() {
  const token = currentSession()?.accessToken;
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** The file name from a Content-Disposition header (filename* first), or null. */
function dispositionFileName(header) {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try { return decodeURIComponent(extended[2].trim()); } catch { /* fall through */ }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  return plain ? (plain[2] ?? plain[1]).trim() : null;
}

/**
 * GETs a file with the bearer token of the session: { blob, fileName }. Throws an HttpProblem (see problemOf) when
 * the server refuses, a TypeError when the network fails.
 */
export async function download(path, fallbackName) {
  const response = await fetch(path, { headers: authorization(), cache: "no-store" });
  if (!response.ok) throw await problemOf(response);
  const blob = await response.blob();
  return { blob, fileName: dispositionFileName(response.headers.get("Content-Disposition")) ?? fallbackName };
}

/** POSTs a form with the bearer token; the JSON answer, or throws like download(). */
export async function postForm(path, form) {
  const response = await fetch(path, { method: "POST", headers: authorization(), body: form });
  if (!response.ok) throw await problemOf(response);
  return response.json();
}

/** Downloads an attachment of a conversation with the bearer token: { blob, fileName }. */
export function downloadAttachment(conversationId, attachment) {
  const path = `/api/conversations/${encodeURIComponent(conversationId)}/attachments/${encodeURIComponent(attachment.attachmentId)}`;
  return download(path, attachment.fileName);
}

/** Downloads the PDF transcript of a conversation, in the page's language, with the bearer token: { blob, fileName }. */
export function downloadTranscript(conversationId) {
  const path = `/api/conversations/${encodeURIComponent(conversationId)}/transcript.pdf?lang=${lang}`;
  return download(path, t("chat.transcriptFile", { id: conversationId }));
}
