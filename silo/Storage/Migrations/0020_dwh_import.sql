-- Kasse.Orleans: the nightly customer master-data import from the data warehouse (issue 13, h13-dwh).

-- The rejected rows of each import (row number = line in the file, header = 1, or row in the source table; ord keeps
-- the column order within a row). Insert-only; at most 10,000 per import are stored, the job counts all.
CREATE TABLE IF NOT EXISTS dwh_import_rejections (
    import_id   uuid    NOT NULL,
    row_number  bigint  NOT NULL,
    ord         integer NOT NULL,
    column_name text,
    reason      text    NOT NULL,
    PRIMARY KEY (import_id, row_number, reason)
);

-- The uploaded file of an import, in chunks, so the job resumes after a silo restart; deleted when the job ends
-- (mutable: listed in SchemaGrants.Mutable).
CREATE TABLE IF NOT EXISTS dwh_import_chunks (
    import_id uuid    NOT NULL,
    chunk_no  integer NOT NULL,
    data      bytea   NOT NULL,
    PRIMARY KEY (import_id, chunk_no)
);
