// The EinmalPIN HTTP calls of the insured's page: the login (anonymous) and, with the case session's bearer token,
// a file for a file field and the PDF control document. Refusals as PinHttpError { status, code, text, retryAfter }.
import { lang, t } from "/js/i18n.js";
import { caseAuthorization } from "./pin-session.js";

export class PinHttpError extends Error {
  constructor(status, code, text, retryAfter) {
    super(text);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

async function refusal(response) {
  let problem = null;
  try { problem = await response.json(); } catch { /* no problem body */ }
  const code = problem?.code ?? (/^[A-Z][A-Z0-9_]{2,}$/.test(problem?.title ?? "") ? problem.title : null);
  const header = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
  const seconds = Number.isFinite(problem?.retryAfterSeconds) ? problem.retryAfterSeconds : (Number.isFinite(header) ? header : null);
  const text = problem?.detail ?? t("pin.http.other", { status: response.status });
  return new PinHttpError(response.status, code, text, seconds);
}

async function send(path, init) {
  let response;
  try {
    response = await fetch(path, { cache: "no-store", ...init });
  } catch {
    throw new PinHttpError(0, null, t("pin.http.offline"), null);
  }
  if (!response.ok) throw await refusal(response);
  return response;
}

/** POST /api/einmalpin/login: { token, caseNumber, expiresAt }. */
export async function logIn(linkToken, pin, birthDate) {
  const body = { pin, birthDate };
  if (linkToken) body.linkToken = linkToken;
  const response = await send("/api/einmalpin/login", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  return response.json();
}

/** POSTs a file for a file field of the case's form; the server stores it and sets the field: a FormEditResult. */
export async function uploadCaseFile(fieldPath, file, operationId, baseVersion) {
  const form = new FormData();
  form.append("operationId", operationId);
  form.append("baseVersion", String(baseVersion));
  form.append("file", file, file.name);
  const response = await send(`/api/einmalpin/session/files/${encodeURIComponent(fieldPath)}`, {
    method: "POST", headers: caseAuthorization(), body: form,
  });
  return response.json();
}

/** The PDF control document of the submitted case: { blob, fileName }. */
export async function downloadCaseControlDocument(caseNumber) {
  const response = await send(`/api/einmalpin/session/control-document.pdf?lang=${lang}`, { headers: caseAuthorization() });
  return { blob: await response.blob(), fileName: t("pin.done.fileName", { caseNumber }) };
}
