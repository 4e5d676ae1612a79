-- Kasse.Orleans: documents of rule set versions, kept exactly as written. Append-only: a version, once written,
-- never changes (its status — draft, published, retired — lives in the rule set grain).
CREATE TABLE IF NOT EXISTS rule_set_versions (
    rule_set   text        NOT NULL,
    version    integer     NOT NULL,
    document   text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (rule_set, version)
);
