-- One row per Jira action carried out (or, with the dry-run gateway, recorded instead of sent).
-- The idempotency key makes a retried or re-run execution skip what was already done.
CREATE TABLE ts_action_ledger (
    idempotency_key VARCHAR(64) NOT NULL PRIMARY KEY,
    request_id      VARCHAR(255) NOT NULL,
    action_index    INTEGER NOT NULL,
    action_type     VARCHAR(32) NOT NULL,
    gateway         VARCHAR(200) NOT NULL,
    sent            BOOLEAN NOT NULL,
    action_json     TEXT NOT NULL,
    issue_key       VARCHAR(64),
    executed_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ts_action_ledger_request ON ts_action_ledger (request_id);
