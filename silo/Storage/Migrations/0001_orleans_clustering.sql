-- Orleans ADO.NET clustering (UseAdoNetClustering, invariant "Npgsql"): this project's own schema and queries.
-- Runs on every start (all migrations in one transaction): everything here must be idempotent.
--
-- Contract (see orleans-adonet-contract.md): the provider loads every row of OrleansQuery at start, binds parameters
-- as @Name and reads result columns by name (case-insensitively, so the unquoted lower-case aliases below match).
-- Optimistic concurrency: one version row per cluster (DeploymentId = ClusterId). Every membership insert or update
-- must name the version it read (@Version); it succeeds, and bumps the version, only if that is still current.
-- Heartbeats (UpdateIAmAlivetimeKey) do not bump the version.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id varchar(150) NOT NULL PRIMARY KEY,
    version       integer      NOT NULL DEFAULT 0,
    changed_at    timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id   varchar(150)  NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         varchar(45)   NOT NULL,
    port            integer       NOT NULL,
    generation      integer       NOT NULL,
    silo_name       varchar(150)  NOT NULL,
    host_name       varchar(150)  NOT NULL,
    status          integer       NOT NULL,
    proxy_port      integer       NOT NULL DEFAULT 0,
    suspect_times   text          NULL,
    start_time      timestamptz   NOT NULL,
    i_am_alive_time timestamptz   NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Creates the cluster's version row once; true only for the caller that created it.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id, version)
    VALUES (@DeploymentId, 0)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created) AS created;
$q$),

-- One row per member plus the version; a cluster without members still yields one row (member columns NULL).
('MembershipReadAllKey', $q$
SELECT v.version           AS Version,
       m.address           AS Address,
       m.port              AS Port,
       m.generation        AS Generation,
       m.silo_name         AS SiloName,
       m.host_name         AS HostName,
       m.status            AS Status,
       m.proxy_port        AS ProxyPort,
       m.suspect_times     AS SuspectTimes,
       m.start_time        AS StartTime,
       m.i_am_alive_time   AS IAmAliveTime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId;
$q$),

('MembershipReadRowKey', $q$
SELECT v.version           AS Version,
       m.address           AS Address,
       m.port              AS Port,
       m.generation        AS Generation,
       m.silo_name         AS SiloName,
       m.host_name         AS HostName,
       m.status            AS Status,
       m.proxy_port        AS ProxyPort,
       m.suspect_times     AS SuspectTimes,
       m.start_time        AS StartTime,
       m.i_am_alive_time   AS IAmAliveTime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m
       ON m.deployment_id = v.deployment_id
      AND m.address = @Address
      AND m.port = @Port
      AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId;
$q$),

-- The version is bumped only if it still equals @Version and the member does not exist yet; the member row is
-- inserted only if the bump happened. Concurrent writers serialise on the version row's lock: the loser re-checks
-- the version after the winner commits, finds it changed and changes nothing.
('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version v
    SET version = v.version + 1, changed_at = now()
    WHERE v.deployment_id = @DeploymentId
      AND v.version = @Version
      AND NOT EXISTS (SELECT 1 FROM orleans_membership m
                      WHERE m.deployment_id = @DeploymentId AND m.address = @Address
                        AND m.port = @Port AND m.generation = @Generation)
    RETURNING v.deployment_id
), inserted AS (
    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                                    proxy_port, suspect_times, start_time, i_am_alive_time)
    SELECT b.deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
           coalesce(@ProxyPort, 0), NULL, @StartTime, @IAmAliveTime
    FROM bumped b
    ON CONFLICT (deployment_id, address, port, generation) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM inserted) AS inserted;
$q$),

-- Same pattern as the insert: bump iff the version matches and the member exists, then change the member.
('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version v
    SET version = v.version + 1, changed_at = now()
    WHERE v.deployment_id = @DeploymentId
      AND v.version = @Version
      AND EXISTS (SELECT 1 FROM orleans_membership m
                  WHERE m.deployment_id = @DeploymentId AND m.address = @Address
                    AND m.port = @Port AND m.generation = @Generation)
    RETURNING v.deployment_id
), updated AS (
    UPDATE orleans_membership m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM bumped b
    WHERE m.deployment_id = b.deployment_id AND m.address = @Address
      AND m.port = @Port AND m.generation = @Generation
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM updated) AS updated;
$q$),

-- Heartbeat: no version bump, no result.
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
$q$),

('GatewaysQueryKey', $q$
SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
$q$),

-- Removes every member of the cluster. The version row stays and moves on, so the version never goes back to a value
-- an in-flight writer may still hold (and MembershipReadAllKey keeps returning its one row).
('DeleteMembershipTableEntriesKey', $q$
WITH removed AS (
    DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId
)
UPDATE orleans_membership_version
SET version = version + 1, changed_at = now()
WHERE deployment_id = @DeploymentId;
$q$),

-- Dead (6) members whose last sign of life (start or heartbeat) is older than the cutoff and that carry no
-- suspicion. Kept for providers that do not know CleanupDefunctSiloEntryKey.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND status = 6
  AND i_am_alive_time < @IAmAliveTime
  AND start_time < @IAmAliveTime
  AND coalesce(suspect_times, '') = '';
$q$),

-- One Dead member, deleted only if it is still exactly the row the provider read (start, heartbeat, suspicions):
-- a row that changed in between stays.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime
  AND i_am_alive_time = @IAmAliveTime
  AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '');
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
