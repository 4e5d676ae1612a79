-- Kasse.Orleans: the append-only history of inbox work items. One row per event, written only by the work item grain
-- that owns the seq (re-appends of the same seq are ignored). position orders all events of all items as they were
-- committed, so the history can be replayed to check assignments and agents' capacity at every step.
CREATE TABLE IF NOT EXISTS work_item_events (
    position  bigint GENERATED ALWAYS AS IDENTITY,
    item_id   text        NOT NULL,
    seq       integer     NOT NULL,
    kind      smallint    NOT NULL,
    status    smallint    NOT NULL,
    agent_id  text,
    offer_id  uuid,
    weight    integer     NOT NULL DEFAULT 0,
    budget    integer     NOT NULL DEFAULT 0,
    queue     text,
    at        timestamptz NOT NULL,
    detail    jsonb,
    PRIMARY KEY (item_id, seq)
);
CREATE UNIQUE INDEX IF NOT EXISTS work_item_events_position ON work_item_events (position);
CREATE INDEX IF NOT EXISTS work_item_events_queue ON work_item_events (queue, item_id) WHERE queue IS NOT NULL;
-- Append-only: nobody updates or deletes history rows through the application.
CREATE OR REPLACE FUNCTION work_item_events_is_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'work_item_events is append-only'; END $$;
DROP TRIGGER IF EXISTS work_item_events_append_only ON work_item_events;
CREATE TRIGGER work_item_events_append_only BEFORE UPDATE OR DELETE ON work_item_events
    FOR EACH ROW EXECUTE FUNCTION work_item_events_is_append_only();
