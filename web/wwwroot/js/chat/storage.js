// The chat's sessionStorage (per tab, so a reload resumes where it left off): JSON values per signed-in user, read
// and written without ever throwing.
const STORAGE_PREFIX = "kasse.chat.v1";

export class UserStorage {
  #prefix;

  constructor(userId) {
    this.#prefix = `${STORAGE_PREFIX}.${userId}.`;
  }

  read(name) {
    try {
      const raw = sessionStorage.getItem(this.#prefix + name);
      return raw ? JSON.parse(raw) : null;
    } catch {
      return null;
    }
  }

  write(name, value) {
    try {
      sessionStorage.setItem(this.#prefix + name, JSON.stringify(value));
    } catch {
      // Quota exceeded: keep working from memory; a reload then resumes from the start.
      try { sessionStorage.removeItem(this.#prefix + name); } catch { /* nothing to do */ }
    }
  }
}
