-- Kasse.Orleans: form sessions (issue 11). Every accepted change of a session (start, edit, access change, submit) is
-- one row, written by the session grain that owns the seq before it answers; the grain's stored state is only a
-- snapshot, and an activation replays the rows after the snapshot's seq. body holds the change (docs/forms.md).
CREATE TABLE IF NOT EXISTS form_session_events (
    session_id   uuid        NOT NULL,
    seq          bigint      NOT NULL,
    kind         smallint    NOT NULL,
    actor_id     text        NOT NULL,
    actor_role   smallint,
    actor_name   text        NOT NULL,
    operation_id text,
    body         jsonb       NOT NULL,
    at           timestamptz NOT NULL,
    PRIMARY KEY (session_id, seq)
);
-- An edit is stored once per (session, participant, operation id), however late its retry comes.
CREATE UNIQUE INDEX IF NOT EXISTS form_session_events_operation
    ON form_session_events (session_id, actor_id, operation_id) WHERE operation_id IS NOT NULL;
CREATE OR REPLACE FUNCTION form_session_events_is_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'form_session_events is append-only'; END $$;
DROP TRIGGER IF EXISTS form_session_events_append_only ON form_session_events;
CREATE TRIGGER form_session_events_append_only BEFORE UPDATE OR DELETE ON form_session_events
    FOR EACH ROW EXECUTE FUNCTION form_session_events_is_append_only();
DROP TRIGGER IF EXISTS form_session_events_no_truncate ON form_session_events;
CREATE TRIGGER form_session_events_no_truncate BEFORE TRUNCATE ON form_session_events
    FOR EACH STATEMENT EXECUTE FUNCTION form_session_events_is_append_only();

-- Files uploaded into file fields of a session (PDF, JPEG, PNG; verified by signature before they get here).
CREATE TABLE IF NOT EXISTS form_files (
    session_id   uuid        NOT NULL,
    file_id      uuid        NOT NULL,
    path         text        NOT NULL,
    file_name    text        NOT NULL,
    content_type text        NOT NULL,
    size         bigint      NOT NULL,
    data         bytea       NOT NULL,
    uploaded_by  text        NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (session_id, file_id)
);
CREATE OR REPLACE FUNCTION form_files_is_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'form_files is append-only'; END $$;
DROP TRIGGER IF EXISTS form_files_append_only ON form_files;
CREATE TRIGGER form_files_append_only BEFORE UPDATE OR DELETE ON form_files
    FOR EACH ROW EXECUTE FUNCTION form_files_is_append_only();
DROP TRIGGER IF EXISTS form_files_no_truncate ON form_files;
CREATE TRIGGER form_files_no_truncate BEFORE TRUNCATE ON form_files
    FOR EACH STATEMENT EXECUTE FUNCTION form_files_is_append_only();
