// Tells the agent of a new offer although the tab may be in the background: the page title counts the open offers
// ("(1) Neues Angebot – …"), and, when the agent switched it on, a short tone made with WebAudio (no sound file, so
// nothing to load past the Content-Security-Policy). The choice is kept in localStorage.
import { t } from "/js/i18n.js";

const SOUND_KEY = "kasse.agent.offerSound";

export class OfferAlert {
  #baseTitle = document.title;
  #audio = null;

  get soundOn() {
    try { return localStorage.getItem(SOUND_KEY) === "on"; } catch { return false; }
  }

  /** Switches the tone on or off; called from a click, which lets the browser start audio. */
  setSound(on) {
    try { localStorage.setItem(SOUND_KEY, on ? "on" : "off"); } catch { /* kept for this page only */ }
    if (on) this.#context()?.resume();
  }

  /** The title for the number of open offers. */
  showCount(count) {
    document.title = count > 0 ? t("ws.offer.title", { count, title: this.#baseTitle }) : this.#baseTitle;
  }

  /** A new offer arrived: the tone, if switched on. */
  ring() {
    if (!this.soundOn) return;
    const context = this.#context();
    if (!context) return;
    const now = context.currentTime;
    for (const [start, frequency] of [[0, 880], [0.18, 1175]]) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, now + start);
      gain.gain.exponentialRampToValueAtTime(0.2, now + start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + start + 0.15);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(now + start);
      oscillator.stop(now + start + 0.16);
    }
  }

  #context() {
    const AudioContext = globalThis.AudioContext ?? globalThis.webkitAudioContext;
    if (!AudioContext) return null;
    this.#audio ??= new AudioContext();
    return this.#audio;
  }
}
