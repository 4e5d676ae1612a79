-- Kasse.Orleans: the contact policy's published versions (issue 13, h13-policy), append-only: written only by the
-- contact policy grain; the newest version is the active one. A version is never changed, a new one is published.
CREATE TABLE IF NOT EXISTS contact_policy_versions (
    version      integer     PRIMARY KEY,
    document     jsonb       NOT NULL,
    published_at timestamptz NOT NULL,
    published_by text        NOT NULL
);
