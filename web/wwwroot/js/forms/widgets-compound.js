// Widgets of several parts: an address (street, house number, postal code, city: one JSON object, null when all parts
// are empty) and a file (chosen here, uploaded over HTTP by the page; the server then sets the value
// {fileId, fileName, contentType, size}; "Entfernen" clears it).
import { element } from "/js/chat/dom.js";
import { t } from "/js/i18n.js";

const ADDRESS_PARTS = [
  { key: "street", autocomplete: "address-line1", size: "wide" },
  { key: "houseNumber", autocomplete: "off", size: "short" },
  { key: "postalCode", autocomplete: "postal-code", size: "short", inputMode: "numeric", maxLength: 5 },
  { key: "city", autocomplete: "address-level2", size: "wide" },
];

export function createAddressWidget(field, ctx) {
  const grid = element("div", "form-address");
  const inputs = ADDRESS_PARTS.map(part => {
    const input = element("input", `form-input form-address-${part.size}`);
    input.type = "text";
    input.id = `${ctx.id}-${part.key}`;
    input.autocomplete = part.autocomplete;
    if (part.inputMode) input.inputMode = part.inputMode;
    if (part.maxLength) input.maxLength = part.maxLength;
    input.dataset.part = part.key;
    const label = element("label", "form-address-part", t(`forms.address.${part.key}`));
    label.htmlFor = input.id;
    const cell = element("div", "form-address-cell");
    cell.append(label, input);
    grid.append(cell);
    input.addEventListener("input", () => ctx.changed(read(), false));
    return input;
  });
  function read() {
    if (inputs.every(i => i.value.trim() === "")) return null;
    return Object.fromEntries(inputs.map(i => [i.dataset.part, i.value]));
  }
  return {
    element: grid,
    group: true,
    inputs,
    read,
    write(value) {
      for (const input of inputs) {
        const text = value && typeof value === "object" ? String(value[input.dataset.part] ?? "") : "";
        if (input.value !== text) input.value = text;
      }
    },
    setDisabled(disabled) { for (const input of inputs) input.disabled = disabled; },
  };
}

export function createFileWidget(field, ctx) {
  const wrapper = element("div", "form-file");
  const input = element("input", "form-input");
  input.type = "file";
  input.id = ctx.id;
  if (Array.isArray(field.accept)) input.accept = field.accept.join(",");
  const current = element("span", "form-file-current");
  const remove = element("button", "secondary form-file-remove", t("forms.file.remove"));
  remove.type = "button";
  const status = element("span", "form-file-status");
  status.setAttribute("role", "status");
  wrapper.append(input, current, remove, status);
  let value = null;
  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    if (!file) return;
    status.textContent = t("forms.file.uploading");
    try {
      await ctx.upload(file);
      status.textContent = "";
    } catch (error) {
      status.textContent = error?.message ?? t("chat.offline");
    } finally {
      input.value = "";
    }
  });
  remove.addEventListener("click", () => ctx.changed(null, true));
  return {
    element: wrapper,
    inputs: [input],
    read: () => value,
    write(next) {
      value = next ?? null;
      current.textContent = value?.fileName ? t("forms.file.current", { file: value.fileName }) : t("forms.file.none");
      remove.hidden = !value;
    },
    setDisabled(disabled) { input.disabled = disabled; remove.disabled = disabled; },
  };
}
