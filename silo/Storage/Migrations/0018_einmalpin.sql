-- Kasse.Orleans: EinmalPIN (issue 12). A case's status is derived from these tables (docs/einmalpin.md), each written
-- by one owner: pin_cases by the intake (bulk import job, single-case API), pin_secrets by the letter production,
-- pin_case_events by the case grain. No PIN in clear is stored anywhere but in pin_print_outputs, encrypted with a key
-- derived from the server secret (kept outside the database), and deleted when the print output expires.

-- The imported cases (Vorbelegungsdaten), one row per case number, never changed.
CREATE TABLE IF NOT EXISTS pin_cases (
    case_number       text        PRIMARY KEY,
    case_type         smallint    NOT NULL,
    kvnr              text        NOT NULL,
    first_name        text        NOT NULL,
    last_name         text        NOT NULL,
    birth_date        date        NOT NULL,
    street            text        NOT NULL,
    postal_code       text        NOT NULL,
    city              text        NOT NULL,
    deadline          date        NOT NULL,
    prefill_iban      text,
    prefill_steuer_id text,
    import_id         uuid,
    imported_at       timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS pin_cases_import ON pin_cases (import_id, case_number);

-- Rows a bulk import rejected (capped per import; the job's counters hold the totals).
CREATE TABLE IF NOT EXISTS pin_import_errors (
    import_id   uuid    NOT NULL,
    row_number  bigint  NOT NULL,
    column_name text,
    reason      text    NOT NULL,
    PRIMARY KEY (import_id, row_number, reason)
);

-- The uploaded file of an import, in chunks, so the job resumes after a silo restart; deleted when the job is done.
CREATE TABLE IF NOT EXISTS pin_import_chunks (
    import_id uuid    NOT NULL,
    chunk_no  integer NOT NULL,
    data      bytea   NOT NULL,
    PRIMARY KEY (import_id, chunk_no)
);

-- One row per issued pair of secrets; the case's highest issue_no is the valid one. Only one-way hashes: token_hash =
-- SHA-256(link token); pin_lookup = HMAC-SHA256(server secret, normalised PIN) (finds the case by PIN); pin_hash =
-- PBKDF2-SHA256(normalised PIN, pin_salt, iterations).
CREATE TABLE IF NOT EXISTS pin_secrets (
    case_number text        NOT NULL,
    issue_no    integer     NOT NULL,
    batch_id    text        NOT NULL,
    token_hash  bytea       NOT NULL,
    pin_lookup  bytea       NOT NULL,
    pin_salt    bytea       NOT NULL,
    pin_hash    bytea       NOT NULL,
    iterations  integer     NOT NULL,
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (case_number, issue_no)
);
CREATE UNIQUE INDEX IF NOT EXISTS pin_secrets_token ON pin_secrets (token_hash);
CREATE UNIQUE INDEX IF NOT EXISTS pin_secrets_pin ON pin_secrets (pin_lookup);
CREATE INDEX IF NOT EXISTS pin_secrets_batch ON pin_secrets (batch_id);

-- What happened to a case after its letter (kind: see PinCaseEventKind), written by the case grain.
CREATE TABLE IF NOT EXISTS pin_case_events (
    case_number text        NOT NULL,
    seq         integer     NOT NULL,
    kind        smallint    NOT NULL,
    at          timestamptz NOT NULL,
    detail      jsonb,
    PRIMARY KEY (case_number, seq)
);
CREATE INDEX IF NOT EXISTS pin_case_events_at ON pin_case_events (at);

-- The print shop's output of a letter batch (CSV and PDF, in parts), AES-GCM encrypted; deleted when it expires.
CREATE TABLE IF NOT EXISTS pin_print_outputs (
    batch_id        text        NOT NULL,
    kind            smallint    NOT NULL,
    part            integer     NOT NULL,
    data            bytea       NOT NULL,
    created_at      timestamptz NOT NULL,
    available_until timestamptz NOT NULL,
    PRIMARY KEY (batch_id, kind, part)
);

CREATE OR REPLACE FUNCTION pin_tables_are_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['pin_cases', 'pin_secrets', 'pin_case_events', 'pin_import_errors'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_append_only', t);
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION pin_tables_are_append_only()', t || '_append_only', t);
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_no_truncate', t);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION pin_tables_are_append_only()', t || '_no_truncate', t);
    END LOOP;
END $$;
