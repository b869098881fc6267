-- Where each source of the knowledge index (Jira, Confluence) stands: up to when its changes are indexed (the
-- high-water mark, advanced page by page), how the last run went, and until when the remote system asked to be left
-- alone. The error message never holds a credential.
CREATE TABLE ts_knowledge_sync (
    source           VARCHAR(32) NOT NULL PRIMARY KEY,
    high_water_mark  TIMESTAMP WITH TIME ZONE,
    last_started_at  TIMESTAMP WITH TIME ZONE,
    last_ended_at    TIMESTAMP WITH TIME ZONE,
    last_outcome     VARCHAR(32),
    last_error       VARCHAR(1000),
    blocked_until    TIMESTAMP WITH TIME ZONE,
    last_reconciled_at TIMESTAMP WITH TIME ZONE,
    indexed          BIGINT NOT NULL DEFAULT 0,
    unchanged        BIGINT NOT NULL DEFAULT 0,
    skipped          BIGINT NOT NULL DEFAULT 0,
    removed          BIGINT NOT NULL DEFAULT 0
);

-- A digest of what was embedded, so a synced document whose text has not changed is not embedded again.
ALTER TABLE ts_knowledge ADD COLUMN content_hash VARCHAR(64);
