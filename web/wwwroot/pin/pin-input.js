// What the insured types at the login, read the way the letter prints it: the PIN in groups 4-4-5 from an alphabet
// without look-alikes (any case, spaces and hyphens anywhere; the server normalises the same way, PinFormat), the
// birth date as TT.MM.JJJJ (T.M.JJJJ too). No DOM code here.

/** The PIN alphabet (PinFormat.Alphabet): no 0/O, 1/I/L. */
export const PIN_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const PIN_LENGTH = 13;
const GROUPS = [4, 4, 5];

/** Upper case without spaces and hyphens. */
export function pinCharacters(typed) {
  return String(typed ?? "").replace(/[\s-]/g, "").toUpperCase();
}

/** The normalised PIN, or null when it is not 13 characters of the alphabet. */
export function normalizePin(typed) {
  const pin = pinCharacters(typed);
  if (pin.length !== PIN_LENGTH) return null;
  for (const c of pin) if (!PIN_ALPHABET.includes(c)) return null;
  return pin;
}

/** The typed characters in the letter's groups (XXXX-XXXX-XXXXX), as far as they go. */
export function groupPin(typed) {
  const pin = pinCharacters(typed).slice(0, PIN_LENGTH);
  const parts = [];
  let at = 0;
  for (const size of GROUPS) {
    if (at >= pin.length) break;
    parts.push(pin.slice(at, at + size));
    at += size;
  }
  return parts.join("-");
}

/** TT.MM.JJJJ (or T.M.JJJJ, or YYYY-MM-DD) as "YYYY-MM-DD", or null when it is not a calendar date. */
export function parseBirthDate(typed) {
  const text = String(typed ?? "").trim();
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  let year, month, day;
  if (m) [, day, month, year] = m.map(Number);
  else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text))) [, year, month, day] = m.map(Number);
  else return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
