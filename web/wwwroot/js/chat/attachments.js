// What a chat attachment may be (PDF, JPEG, PNG, at most 10 MB; checked again by the server) and how it is named.
import { locale, t } from "/js/i18n.js";

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";
const ATTACHMENT_EXTENSIONS = /\.(pdf|jpe?g|png)$/i;
const ATTACHMENT_TYPE_LABELS = { "application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG" };

/** "PDF", "JPEG", "PNG" for a content type (or, before the server has checked it, for a file name). */
export function attachmentTypeLabel(contentType, fileName) {
  if (ATTACHMENT_TYPE_LABELS[contentType]) return ATTACHMENT_TYPE_LABELS[contentType];
  const extension = /\.([a-z0-9]{1,5})$/i.exec(fileName ?? "")?.[1]?.toUpperCase();
  return extension === "JPG" ? "JPEG" : extension ?? t("chat.file");
}

const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });

/** A file size in the page's language: "512 Byte", "120 KB", "2,4 MB" (English: "512 bytes", "2.4 MB"). */
export function formatSize(bytes) {
  if (!(bytes >= 0)) return "";
  if (bytes < 1024) return t("chat.bytes", { count: bytes });
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${numberFormat.format(bytes / (1024 * 1024))} MB`;
}

/** "befund.pdf · PDF · 120 KB" */
export function describeAttachment(attachment) {
  return [attachment.fileName, attachmentTypeLabel(attachment.contentType, attachment.fileName), formatSize(attachment.size)]
    .filter(Boolean).join(" · ");
}

/** The reason a file cannot be attached (checked before the upload), or null when it may be sent. */
export function checkAttachment(file) {
  if (!file) return t("chat.fileMissing");
  if (file.size === 0) return t("chat.fileEmpty");
  if (file.size > MAX_ATTACHMENT_BYTES) return t("chat.fileTooLarge");
  if (!ATTACHMENT_EXTENSIONS.test(file.name) && !ATTACHMENT_TYPE_LABELS[file.type]) return t("chat.fileType");
  return null;
}
