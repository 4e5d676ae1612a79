-- Kasse.Orleans: the append-only history of chat conversations. One row per sequenced event; written only by the
-- conversation grain that owns the sequence (re-appends of the same seq are ignored).
CREATE TABLE IF NOT EXISTS conversation_events (
    conversation_id   uuid        NOT NULL,
    seq               bigint      NOT NULL,
    kind              smallint    NOT NULL,
    sender_id         text        NOT NULL,
    sender_role       smallint    NOT NULL,
    sender_name       text        NOT NULL,
    client_message_id text,
    body              text,
    at                timestamptz NOT NULL,
    attachment        jsonb,
    PRIMARY KEY (conversation_id, seq)
);

-- Attachments of messages (PDF, JPEG, PNG; verified by signature before they get here). Append-only.
CREATE TABLE IF NOT EXISTS conversation_attachments (
    conversation_id uuid        NOT NULL,
    attachment_id   uuid        NOT NULL,
    file_name       text        NOT NULL,
    content_type    text        NOT NULL,
    size            bigint      NOT NULL,
    data            bytea       NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (conversation_id, attachment_id)
);
