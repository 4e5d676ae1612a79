-- Kasse.Orleans: internal notes on work items (agent workspace). Staff write and read them; no customer-facing hub or
-- endpoint reads this table. A note is appended once per (item, note id), so a retried write stores nothing twice.
CREATE TABLE IF NOT EXISTS work_item_notes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id     text        NOT NULL,
    note_id     uuid        NOT NULL,
    author_id   text        NOT NULL,
    author_name text        NOT NULL,
    text        text        NOT NULL,
    at          timestamptz NOT NULL,
    UNIQUE (item_id, note_id)
);
-- Append-only: nobody updates or deletes a note through the application.
CREATE OR REPLACE FUNCTION work_item_notes_is_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'work_item_notes is append-only'; END $$;
DROP TRIGGER IF EXISTS work_item_notes_append_only ON work_item_notes;
CREATE TRIGGER work_item_notes_append_only BEFORE UPDATE OR DELETE ON work_item_notes
    FOR EACH ROW EXECUTE FUNCTION work_item_notes_is_append_only();
