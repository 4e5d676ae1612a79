-- Orleans ADO.NET reminders (UseAdoNetReminderService, invariant "Npgsql"): this project's own schema and queries.
-- Runs on every start (all migrations in one transaction): everything here must be idempotent.
--
-- Parameters the provider binds: ServiceId, GrainId (GrainId.ToString()), ReminderName, StartTime (UTC DateTime),
-- Period (milliseconds, int or bigint), GrainHash / BeginHash / EndHash (uint hashes cast to int), Version (int ETag).
-- Columns it reads by name: GrainId, ReminderName, StartTime, Period (read as Int64), Version.
-- The ETag is `version`: 0 on insert, +1 on every upsert; a delete names the version it saw.
-- Ranges: the ring range (BeginHash, EndHash] compared as signed ints, exactly as the provider picks the query:
-- ReadRangeRows1Key when (int)BeginHash < (int)EndHash, ReadRangeRows2Key (wrapping around) otherwise.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

CREATE TABLE IF NOT EXISTS orleans_reminder
(
    service_id    varchar(150) NOT NULL,
    grain_id      text         NOT NULL,
    reminder_name text         NOT NULL,
    grain_hash    integer      NOT NULL,
    start_time    timestamptz  NOT NULL,
    period_ms     bigint       NOT NULL,
    version       integer      NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS ix_orleans_reminder_hash ON orleans_reminder (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

('ReadReminderRowsKey', $q$
SELECT r.grain_id AS GrainId, r.reminder_name AS ReminderName, r.start_time AS StartTime,
       r.period_ms AS Period, r.version AS Version
FROM orleans_reminder r
WHERE r.service_id = @ServiceId AND r.grain_id = @GrainId;
$q$),

('ReadRangeRows1Key', $q$
SELECT r.grain_id AS GrainId, r.reminder_name AS ReminderName, r.start_time AS StartTime,
       r.period_ms AS Period, r.version AS Version
FROM orleans_reminder r
WHERE r.service_id = @ServiceId
  AND r.grain_hash > @BeginHash AND r.grain_hash <= @EndHash;
$q$),

('ReadRangeRows2Key', $q$
SELECT r.grain_id AS GrainId, r.reminder_name AS ReminderName, r.start_time AS StartTime,
       r.period_ms AS Period, r.version AS Version
FROM orleans_reminder r
WHERE r.service_id = @ServiceId
  AND (r.grain_hash > @BeginHash OR r.grain_hash <= @EndHash);
$q$),

('ReadReminderRowKey', $q$
SELECT r.grain_id AS GrainId, r.reminder_name AS ReminderName, r.start_time AS StartTime,
       r.period_ms AS Period, r.version AS Version
FROM orleans_reminder r
WHERE r.service_id = @ServiceId AND r.grain_id = @GrainId AND r.reminder_name = @ReminderName;
$q$),

-- Returns the new ETag as Version.
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminder AS r (service_id, grain_id, reminder_name, grain_hash, start_time, period_ms, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartTime, @Period, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
    SET grain_hash = EXCLUDED.grain_hash,
        start_time = EXCLUDED.start_time,
        period_ms  = EXCLUDED.period_ms,
        version    = r.version + 1
RETURNING r.version AS Version;
$q$),

-- One row, one bool column: true only if the row existed with the given ETag.
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminder r
    WHERE r.service_id = @ServiceId AND r.grain_id = @GrainId AND r.reminder_name = @ReminderName
      AND r.version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM deleted) AS deleted;
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminder WHERE service_id = @ServiceId;
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
