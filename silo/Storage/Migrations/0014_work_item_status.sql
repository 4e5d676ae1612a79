-- Kasse.Orleans: the latest status of every work item, kept beside its history (work_item_events) in the same
-- statement that appends the events. A queue that lost its memory asks for the items waiting or offered in it: with this
-- table and its partial index that read touches only the open items of that queue, paged, instead of every event of
-- every item that ever waited there.
DO $$
BEGIN
    IF to_regclass('work_item_status') IS NULL THEN
        CREATE TABLE work_item_status (
            item_id text     PRIMARY KEY,
            queue   text,
            status  smallint NOT NULL,
            seq     integer  NOT NULL
        );
        -- Items written before this table existed: their latest event, and the queue of their latest Queued event.
        INSERT INTO work_item_status (item_id, queue, status, seq)
        SELECT latest.item_id,
               (SELECT q.queue FROM work_item_events q
                WHERE q.item_id = latest.item_id AND q.queue IS NOT NULL ORDER BY q.seq DESC LIMIT 1),
               latest.status, latest.seq
        FROM (SELECT DISTINCT ON (item_id) item_id, status, seq FROM work_item_events ORDER BY item_id, seq DESC) latest;
    END IF;
END $$;
-- Only the open items (0 = Queued, 1 = Offered) are in the index: the rebuild reads them, in item order, page by page.
CREATE INDEX IF NOT EXISTS work_item_status_open ON work_item_status (queue, item_id) WHERE status IN (0, 1);
