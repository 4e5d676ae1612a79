-- Kasse.Orleans: submitted forms (issue 11), one row per session, never changed. content_hash is the SHA-256 (lower-case
-- hex) of the canonical JSON of form, version, case reference and values (docs/forms.md); answers are those values.
CREATE TABLE IF NOT EXISTS form_submissions (
    session_id        uuid        PRIMARY KEY,
    form_name         text        NOT NULL,
    form_version      integer     NOT NULL,
    case_reference    text        NOT NULL,
    submitted_at      timestamptz NOT NULL,
    submitted_by      text        NOT NULL,
    submitted_by_name text        NOT NULL,
    content_hash      text        NOT NULL,
    answers           jsonb       NOT NULL
);
CREATE OR REPLACE FUNCTION form_submissions_is_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'form_submissions is append-only'; END $$;
DROP TRIGGER IF EXISTS form_submissions_append_only ON form_submissions;
CREATE TRIGGER form_submissions_append_only BEFORE UPDATE OR DELETE ON form_submissions
    FOR EACH ROW EXECUTE FUNCTION form_submissions_is_append_only();
DROP TRIGGER IF EXISTS form_submissions_no_truncate ON form_submissions;
CREATE TRIGGER form_submissions_no_truncate BEFORE TRUNCATE ON form_submissions
    FOR EACH STATEMENT EXECUTE FUNCTION form_submissions_is_append_only();
