// Names of what the server sends in German (topics, conversation states) and of the connection status, in the
// page's language.
import { has, t, tOr } from "/js/i18n.js";

// The topics as the server stores them (German); topicText() names them in the page's language.
export const TOPICS = ["Beiträge", "Leistungen", "Bescheinigungen", "Sonstiges"];

/** A topic for display: the page's language where it knows the topic, else as stored. */
export function topicText(topic) {
  return tOr(`topic.${topic}`, topic);
}

/** The state of a conversation (Open, Waiting, Active, Closed) for display. */
export function stateText(state) {
  return has(`chat.state.${state}`) ? t(`chat.state.${state}`) : state;
}

/** The connection status (connecting, connected, reconnecting, disconnected, signed-out) for display. */
export function statusText(status) {
  return has(`chat.connection.${status}`) ? t(`chat.connection.${status}`) : status;
}
