-- Kasse.Orleans: documents of form definition versions (docs/forms.md), kept exactly as written. Append-only: a
-- version, once written, never changes (its status — draft, published, retired — lives in the definition grain).
CREATE TABLE IF NOT EXISTS form_definition_versions (
    name       text        NOT NULL,
    version    integer     NOT NULL,
    document   text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (name, version)
);
CREATE OR REPLACE FUNCTION form_definition_versions_is_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'form_definition_versions is append-only'; END $$;
DROP TRIGGER IF EXISTS form_definition_versions_append_only ON form_definition_versions;
CREATE TRIGGER form_definition_versions_append_only BEFORE UPDATE OR DELETE ON form_definition_versions
    FOR EACH ROW EXECUTE FUNCTION form_definition_versions_is_append_only();
DROP TRIGGER IF EXISTS form_definition_versions_no_truncate ON form_definition_versions;
CREATE TRIGGER form_definition_versions_no_truncate BEFORE TRUNCATE ON form_definition_versions
    FOR EACH STATEMENT EXECUTE FUNCTION form_definition_versions_is_append_only();
