// Read receipts: MarkRead up to the newest message of the others, once per seq. Best effort: a receipt lost on the way
// is sent again when the next message of the others is read.

/** Tells the others that this user has read their messages of a conversation so far. */
export function markRead(link, conversation) {
  const seq = conversation.lastForeignMessageSeq();
  if (!link.connected || seq <= conversation.readUpTo || conversation.state === "Closed") return;
  conversation.readUpTo = seq;
  link.invoke("MarkRead", conversation.id, seq).catch(() => {
    if (conversation.readUpTo === seq) conversation.readUpTo = 0;
  });
}
