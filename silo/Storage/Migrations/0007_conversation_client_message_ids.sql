-- Kasse.Orleans: a message is stored once per (conversation, sender, client message id), however late its retry
-- comes. Events without a client message id (start, join, read receipt, close) are not covered (partial index).
-- Runs once: later starts find the index and skip the block.
DO $$
BEGIN
    IF to_regclass('conversation_events_client_message') IS NULL THEN
        -- Versions before this key could store a late retry a second time, under a new seq. Those rows stay (the seq
        -- stays gap-free and clients have shown them), but only the first keeps the client message id, so the key
        -- holds and a retry from now on finds the original.
        UPDATE conversation_events later SET client_message_id = NULL
        WHERE client_message_id IS NOT NULL AND EXISTS (
            SELECT 1 FROM conversation_events earlier
            WHERE earlier.conversation_id = later.conversation_id AND earlier.sender_id = later.sender_id
              AND earlier.client_message_id = later.client_message_id AND earlier.seq < later.seq);
        CREATE UNIQUE INDEX conversation_events_client_message
            ON conversation_events (conversation_id, sender_id, client_message_id)
            WHERE client_message_id IS NOT NULL;
    END IF;
END $$;
