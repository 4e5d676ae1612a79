-- Kasse.Orleans: next best action (issue 13, h13-nba). All append-only for the application role.

-- The offer catalogue, one row per published version; written only by the catalogue grain.
CREATE TABLE IF NOT EXISTS offer_catalog_versions (
    version      integer     PRIMARY KEY,
    document     jsonb       NOT NULL,
    published_at timestamptz NOT NULL,
    published_by text        NOT NULL
);

-- Every offer chosen in a decision, with the probability the sampling policy gave it (offline evaluation).
CREATE TABLE IF NOT EXISTS nba_decisions (
    decision_id     uuid             NOT NULL,
    offer_id        text             NOT NULL,
    customer_key    text             NOT NULL,
    at              timestamptz      NOT NULL,
    channel         smallint         NOT NULL,
    source          smallint         NOT NULL,
    placement       text             NOT NULL,
    contact_id      text             NOT NULL,
    rank            smallint         NOT NULL,
    probability     double precision NOT NULL,
    score           double precision NOT NULL,
    candidates      smallint         NOT NULL,
    catalog_version integer          NOT NULL,
    PRIMARY KEY (decision_id, offer_id)
);
CREATE INDEX IF NOT EXISTS nba_decisions_at ON nba_decisions (at);

-- What came of the decisions; the client's outcome id makes a report idempotent.
CREATE TABLE IF NOT EXISTS nba_outcomes (
    decision_id uuid        NOT NULL,
    outcome_id  text        NOT NULL,
    offer_id    text        NOT NULL,
    outcome     smallint    NOT NULL,
    at          timestamptz NOT NULL,
    PRIMARY KEY (decision_id, outcome_id)
);

-- The learner's evidence: per decision one trial row (kind 0) and at most one success row (kind 1).
CREATE TABLE IF NOT EXISTS nba_rewards (
    decision_id uuid        NOT NULL,
    kind        smallint    NOT NULL,
    offer_id    text        NOT NULL,
    channel     smallint    NOT NULL,
    at          timestamptz NOT NULL,
    PRIMARY KEY (decision_id, kind)
);
CREATE INDEX IF NOT EXISTS nba_rewards_offer ON nba_rewards (offer_id, channel, kind);
