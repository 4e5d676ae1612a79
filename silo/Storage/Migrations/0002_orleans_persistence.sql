-- Orleans ADO.NET grain persistence (AddAdoNetGrainStorage, invariant "Npgsql"): this project's own schema and queries.
-- Runs on every start (all migrations in one transaction): everything here must be idempotent.
--
-- One row per (service, grain type, grain id). The grain id is split by the provider into N0/N1 (integer and Guid
-- keys) and GrainIdExtensionString (string keys, or the extension of compound keys; NULL when there is none). NULL
-- and '' are different keys, so the unique index indexes "is NULL" separately from the coalesced text.
-- The ETag is `version`: every successful write or clear increments it; a write or clear that names another version
-- than the stored one changes nothing and returns NULL, which the provider turns into InconsistentStateException.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    service_id      varchar(150) NOT NULL,
    grain_type_hash integer      NOT NULL,
    grain_type      text         NOT NULL,
    grain_id_hash   integer      NOT NULL,
    grain_id_n0     bigint       NOT NULL,
    grain_id_n1     bigint       NOT NULL,
    grain_key_ext   text         NULL,
    payload         bytea        NULL,
    version         integer      NOT NULL,
    modified_at     timestamptz  NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_orleans_grain_state_grain
    ON orleans_grain_state (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type,
                            (grain_key_ext IS NULL), (coalesce(grain_key_ext, '')));

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- 0..1 row. A cleared grain keeps its row with payload NULL, so its version stays the ETag.
('ReadFromStorageKey', $q$
SELECT s.payload AS PayloadBinary,
       s.version AS Version
FROM orleans_grain_state s
WHERE s.grain_id_hash = @GrainIdHash
  AND s.grain_type_hash = @GrainTypeHash
  AND s.service_id = @ServiceId
  AND s.grain_id_n0 = @GrainIdN0
  AND s.grain_id_n1 = @GrainIdN1
  AND s.grain_type = @GrainTypeString
  AND s.grain_key_ext IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$),

-- Always exactly one row. @GrainStateVersion NULL (grain never stored): insert version 1 unless a row exists.
-- Otherwise: update only if the stored version equals @GrainStateVersion. NewGrainStateVersion NULL = conflict.
-- Concurrent first writes collide on the unique index (ON CONFLICT DO NOTHING: one wins); concurrent updates
-- serialise on the row lock and the loser re-checks the version.
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_grain_state s
    SET payload = @PayloadBinary, version = s.version + 1, modified_at = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND s.version = @GrainStateVersion
      AND s.grain_id_hash = @GrainIdHash
      AND s.grain_type_hash = @GrainTypeHash
      AND s.service_id = @ServiceId
      AND s.grain_id_n0 = @GrainIdN0
      AND s.grain_id_n1 = @GrainIdN1
      AND s.grain_type = @GrainTypeString
      AND s.grain_key_ext IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING s.version
), inserted AS (
    INSERT INTO orleans_grain_state (service_id, grain_type_hash, grain_type, grain_id_hash, grain_id_n0, grain_id_n1,
                                     grain_key_ext, payload, version)
    SELECT @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1,
           @GrainIdExtensionString, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT (SELECT version FROM updated UNION ALL SELECT version FROM inserted LIMIT 1) AS NewGrainStateVersion;
$q$),

-- Keeps the row (payload NULL) and bumps the version; one row, NULL on a version conflict.
('ClearStorageKey', $q$
WITH cleared AS (
    UPDATE orleans_grain_state s
    SET payload = NULL, version = s.version + 1, modified_at = now()
    WHERE s.version = @GrainStateVersion
      AND s.grain_id_hash = @GrainIdHash
      AND s.grain_type_hash = @GrainTypeHash
      AND s.service_id = @ServiceId
      AND s.grain_id_n0 = @GrainIdN0
      AND s.grain_id_n1 = @GrainIdN1
      AND s.grain_type = @GrainTypeString
      AND s.grain_key_ext IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING s.version
)
SELECT (SELECT version FROM cleared) AS NewGrainStateVersion;
$q$),

-- DeleteStateOnClear = true: removes the row; returns old version + 1 (differs from the ETag), NULL on a conflict.
('DeleteStorageKey', $q$
WITH deleted AS (
    DELETE FROM orleans_grain_state s
    WHERE s.version = @GrainStateVersion
      AND s.grain_id_hash = @GrainIdHash
      AND s.grain_type_hash = @GrainTypeHash
      AND s.service_id = @ServiceId
      AND s.grain_id_n0 = @GrainIdN0
      AND s.grain_id_n1 = @GrainIdN1
      AND s.grain_type = @GrainTypeString
      AND s.grain_key_ext IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING s.version
)
SELECT (SELECT version + 1 FROM deleted) AS NewGrainStateVersion;
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
