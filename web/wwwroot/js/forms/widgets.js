// The widget of a field by its type (see the definition format in docs/forms.md). A widget is
// { element, inputs, group?, ownLabel?, read(), write(value), setDisabled(disabled) }: group widgets (radio buttons,
// address) are labelled by a fieldset legend, the others by <label for>. Repeating groups are repeating-group.js.
import { createAddressWidget, createFileWidget } from "./widgets-compound.js";
import { createChoiceWidget } from "./widgets-choice.js";
import { createTextWidget } from "./widgets-text.js";

/** ctx: { id, language, changed(value, immediate), upload(file) }. */
export function createWidget(field, ctx) {
  switch (field.type) {
    case "choice":
    case "yesNo":
    case "consent":
      return createChoiceWidget(field, ctx);
    case "address":
      return createAddressWidget(field, ctx);
    case "file":
      return createFileWidget(field, ctx);
    default:
      return createTextWidget(field, ctx);
  }
}
