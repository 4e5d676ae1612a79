-- Kasse.Orleans: documents of rule set versions, kept exactly as written. Append-only: a version, once written,
-- never changes (its status — draft, published, retired — lives in the rule set grain).
CREATE TABLE IF NOT EXISTS rule_set_versions (
    rule_set   text        NOT NULL,
    version    integer     NOT NULL,
    document   text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (rule_set, version)
);

-- Every decision a rule set took about a subject (case, inbox item, campaign contact): rule set, version, outcome,
-- fired rules. Append-only; read by clerks and auditors to see why something was closed automatically or routed.
CREATE TABLE IF NOT EXISTS rule_decisions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject_type text        NOT NULL,
    subject_id   text        NOT NULL,
    rule_set     text        NOT NULL,
    version      integer,
    outcome      text        NOT NULL,
    decided_at   timestamptz NOT NULL,
    decision     jsonb       NOT NULL
);
CREATE INDEX IF NOT EXISTS rule_decisions_subject ON rule_decisions (subject_type, subject_id);
