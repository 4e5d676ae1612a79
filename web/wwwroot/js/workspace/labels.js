// Names of inbox things in the page's language: channels (with a small icon), presence, item status.
import { has, t } from "/js/i18n.js";

const CHANNEL_ICONS = { Chat: "💬", Email: "✉", FormCase: "📄", Callback: "☎", WorkflowItem: "⚙", Phone: "📞" };

export const PRESENCES = ["Available", "Busy", "Away", "Offline"];

export function channelIcon(channel) { return CHANNEL_ICONS[channel] ?? "•"; }

export function channelText(channel) { return has(`ws.channel.${channel}`) ? t(`ws.channel.${channel}`) : channel; }

export function presenceText(presence) { return has(`ws.presence.${presence}`) ? t(`ws.presence.${presence}`) : presence; }

export function itemStatusText(status) { return has(`ws.status.${status}`) ? t(`ws.status.${status}`) : status; }
