// The forms' HTTP calls with the session's bearer token: a file for a file field, and the PDF control document of a
// submitted form (fetched and saved from a blob, as the chat transcript: a plain link would carry no token).
import { download, postForm } from "/js/chat/http.js";
import { lang, t } from "/js/i18n.js";

/** POSTs a file for the field at path; the server stores it and sets the field's value. Answers a FormEditResult. */
export function uploadFormFile(sessionId, path, file, operationId, baseVersion) {
  const form = new FormData();
  form.append("path", path);
  form.append("operationId", operationId);
  form.append("baseVersion", String(baseVersion));
  form.append("file", file, file.name);
  return postForm(`/api/forms/sessions/${encodeURIComponent(sessionId)}/files`, form);
}

/** The control document of a submitted session, in the page's language: { blob, fileName }. */
export function downloadControlDocument(sessionId, caseReference) {
  return download(`/api/forms/sessions/${encodeURIComponent(sessionId)}/control-document.pdf?lang=${lang}`,
    t("forms.receipt.fileName", { reference: caseReference ?? sessionId }));
}
