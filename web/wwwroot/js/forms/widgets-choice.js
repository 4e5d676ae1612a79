// Widgets for choosing: a choice (radio buttons for a few options, a select for many), yes/no (two radio buttons) and
// a consent checkbox (true when given; unticked is null, "not given"). The options and their labels come from the
// definition; which one is chosen comes from the server's state.
import { element } from "/js/chat/dom.js";
import { t } from "/js/i18n.js";
import { localized } from "./paths.js";

const MAX_RADIOS = 4;

function radioGroup(ctx, options) {
  const list = element("div", "form-radios");
  const inputs = options.map((option, index) => {
    const input = document.createElement("input");
    input.type = "radio";
    input.name = ctx.id;
    input.id = `${ctx.id}-${index}`;
    input.dataset.value = JSON.stringify(option.value);
    input.addEventListener("change", () => { if (input.checked) ctx.changed(option.value, true); });
    const label = element("label", "form-radio");
    label.htmlFor = input.id;
    label.append(input, " ", element("span", null, option.label));
    list.append(label);
    return input;
  });
  return {
    element: list,
    group: true,
    inputs,
    read: () => {
      const checked = inputs.find(i => i.checked);
      return checked ? JSON.parse(checked.dataset.value) : null;
    },
    write(value) {
      const json = JSON.stringify(value ?? null);
      for (const input of inputs) input.checked = input.dataset.value === json;
    },
    setDisabled(disabled) { for (const input of inputs) input.disabled = disabled; },
  };
}

function selectWidget(ctx, options) {
  const select = element("select", "form-input");
  select.id = ctx.id;
  select.append(new Option(t("forms.choose"), ""));
  for (const option of options) select.append(new Option(option.label, option.value));
  select.addEventListener("change", () => ctx.changed(select.value === "" ? null : select.value, true));
  return {
    element: select,
    inputs: [select],
    read: () => (select.value === "" ? null : select.value),
    write(value) { select.value = value ?? ""; },
    setDisabled(disabled) { select.disabled = disabled; },
  };
}

export function createChoiceWidget(field, ctx) {
  if (field.type === "yesNo") {
    return radioGroup(ctx, [{ value: true, label: t("forms.yes") }, { value: false, label: t("forms.no") }]);
  }
  if (field.type === "consent") {
    const wrapper = element("div", "form-consent");
    const input = document.createElement("input");
    input.type = "checkbox";
    input.id = ctx.id;
    const text = localized(field.consentText, ctx.language);
    const label = element("label", "form-consent-label");
    label.htmlFor = input.id;
    label.textContent = text || localized(field.label, ctx.language);
    input.addEventListener("change", () => ctx.changed(input.checked ? true : null, true));
    wrapper.append(input, label);
    return {
      element: wrapper,
      inputs: [input],
      ownLabel: true,
      read: () => (input.checked ? true : null),
      write(value) { input.checked = value === true; },
      setDisabled(disabled) { input.disabled = disabled; },
    };
  }
  const options = (field.options ?? []).map(o => ({ value: o.value, label: localized(o.label, ctx.language) || o.value }));
  return options.length <= MAX_RADIOS ? radioGroup(ctx, options) : selectWidget(ctx, options);
}
