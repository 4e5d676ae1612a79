-- Kasse.Orleans: customers, contact policy, campaigns, journey (issue 13). The tables shared between parts, each with
-- one writer: customer_master by the data-warehouse import, customer_events by the customer grain (its contact
-- ledger and consents), campaign_contacts by the campaign grain, journey_events by the customer's journey owner.
-- Each part's own tables come in later scripts.

-- The nightly master data, one row per insured person (keyed by the pseudonym). Changed rows are updated in place
-- (row_hash tells an unchanged row from a changed one, so an unchanged row costs no write).
CREATE TABLE IF NOT EXISTS customer_master (
    customer_key       text        PRIMARY KEY,
    kvnr               text        NOT NULL,
    given_name         text        NOT NULL,
    family_name        text        NOT NULL,
    birth_date         date        NOT NULL,
    street             text        NOT NULL,
    postal_code        text        NOT NULL,
    city               text        NOT NULL,
    phone              text,
    email              text,
    preferred_channel  smallint    NOT NULL,
    advertising_consent boolean    NOT NULL,
    bonus_programme    boolean     NOT NULL,
    tariff             text,
    row_hash           bytea       NOT NULL,
    import_id          uuid        NOT NULL,
    updated_at         timestamptz NOT NULL
);

-- A customer's contact ledger and consent history, append-only; seq is gap-free per customer.
CREATE TABLE IF NOT EXISTS customer_events (
    customer_key text        NOT NULL,
    seq          bigint      NOT NULL,
    kind         smallint    NOT NULL,
    at           timestamptz NOT NULL,
    ref_id       text        NOT NULL,
    channel      smallint,
    source       smallint,
    purpose      smallint,
    campaign_id  text,
    offer_id     text,
    outcome      smallint,
    expires_at   timestamptz,
    consent      jsonb,
    PRIMARY KEY (customer_key, seq)
);
CREATE INDEX IF NOT EXISTS customer_events_at ON customer_events (customer_key, at);

-- Who a campaign run addressed (or held back as control), one row per run and customer: the run's outputs and its
-- success figures are read from here, and a resumed run skips whoever is here already.
CREATE TABLE IF NOT EXISTS campaign_contacts (
    run_id       uuid        NOT NULL,
    customer_key text        NOT NULL,
    contact_id   text        NOT NULL,
    campaign_id  text        NOT NULL,
    target_group text        NOT NULL,
    channel      smallint,
    variant_id   text,
    control      boolean     NOT NULL,
    at           timestamptz NOT NULL,
    PRIMARY KEY (run_id, customer_key)
);
CREATE INDEX IF NOT EXISTS campaign_contacts_campaign ON campaign_contacts (campaign_id, at);

-- The journey events from portal and app, append-only; seq is gap-free per customer, event_id the client's
-- idempotency key.
CREATE TABLE IF NOT EXISTS journey_events (
    customer_key text        NOT NULL,
    seq          bigint      NOT NULL,
    event_id     text        NOT NULL,
    kind         smallint    NOT NULL,
    tariff       text,
    page         text,
    channel      text,
    at           timestamptz NOT NULL,
    PRIMARY KEY (customer_key, seq)
);
CREATE UNIQUE INDEX IF NOT EXISTS journey_events_event ON journey_events (customer_key, event_id);
CREATE INDEX IF NOT EXISTS journey_events_at ON journey_events (at);
