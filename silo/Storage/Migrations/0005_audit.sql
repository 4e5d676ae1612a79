-- Kasse.Orleans: the append-only audit trail of staff access to insured persons' data (§35 SGB I).
CREATE TABLE IF NOT EXISTS audit_log (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL,
    actor_id     text        NOT NULL,
    actor_role   text        NOT NULL,
    action       text        NOT NULL,
    subject_type text        NOT NULL,
    subject_id   text        NOT NULL,
    insured_id   text
);
CREATE INDEX IF NOT EXISTS audit_log_subject ON audit_log (subject_type, subject_id);
CREATE INDEX IF NOT EXISTS audit_log_insured ON audit_log (insured_id) WHERE insured_id IS NOT NULL;
-- Append-only: nobody updates or deletes audit entries through the application role.
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
-- Row triggers do not see TRUNCATE: refuse it as a statement. (Run migrations as a schema owner role and grant the
-- application role only INSERT and SELECT on audit_log to make this binding against the application itself.)
DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
