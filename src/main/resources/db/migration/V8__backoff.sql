-- Until when a remote system (Jira per base URL, the LLM per provider) asked to be left alone, e.g. by a 429's
-- Retry-After. Shared by every node, so no node calls during another node's back-off.
CREATE TABLE ts_backoff (
    target        VARCHAR(255) NOT NULL PRIMARY KEY,
    blocked_until TIMESTAMP WITH TIME ZONE NOT NULL,
    reason        VARCHAR(255)
);
