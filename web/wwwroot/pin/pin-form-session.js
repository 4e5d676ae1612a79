// The case's form session: the forms code's FormSession over the pin hub (pin-link.js), with uploads over the case
// session's HTTP endpoint. The server sets the file field's value and pushes the new state; the page asks for the
// state once more as well, so the field shows the file even when the push got lost.
import { newId } from "/js/chat/ids.js";
import { FormSession } from "/js/forms/form-session.js";
import { uploadCaseFile } from "./pin-http.js";

export class PinFormSession extends FormSession {
  async upload(path, file) {
    const result = await uploadCaseFile(path, file, newId(), this.field(path)?.version ?? 0);
    await this.refresh();
    return result;
  }
}
