-- Kasse.Orleans: customer_master's key compared byte by byte (issue 13, h18-dwh).
--
-- The key is a pseudonym ('c-' and 32 lower-case hex digits). Under the database's locale every comparison in the
-- key's index went through the locale's collation (strcoll), and the nightly import makes two index descents per row
-- into an index of millions of random keys: the "C" collation compares bytes (measured: about 2 µs less PostgreSQL CPU
-- per imported row, docs/benchmarks.md, h18-dwh). Pseudonyms sort the same either way; other keys now page in
-- ordinal order, as the in-memory store pages them, whatever the locale. Rebuilds the key's index once.
DO $$
BEGIN
    IF (SELECT collation_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'customer_master' AND column_name = 'customer_key') IS DISTINCT FROM 'C' THEN
        ALTER TABLE customer_master ALTER COLUMN customer_key TYPE text COLLATE "C";
    END IF;
END $$;
