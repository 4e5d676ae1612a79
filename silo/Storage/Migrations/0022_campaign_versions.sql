-- Kasse.Orleans: campaigns (issue 13, h13-campaign). Every saved version of a campaign definition, append-only,
-- written only by the campaign's grain; its grain state holds the current definition, status, counters and run
-- checkpoints. Who a run contacted is in campaign_contacts (0019).
CREATE TABLE IF NOT EXISTS campaign_versions (
    campaign_id text        NOT NULL,
    version     integer     NOT NULL,
    definition  jsonb       NOT NULL,
    saved_by    text        NOT NULL,
    saved_at    timestamptz NOT NULL,
    PRIMARY KEY (campaign_id, version)
);
