-- Every Jira call made for a request: operation, status and time, for the request's decision record.
CREATE TABLE ts_jira_call (
    id          VARCHAR(36) NOT NULL PRIMARY KEY,
    request_id  VARCHAR(255) NOT NULL,
    called_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    operation   VARCHAR(200) NOT NULL,
    status      VARCHAR(16) NOT NULL,
    duration_ms BIGINT NOT NULL
);

CREATE INDEX ts_jira_call_request ON ts_jira_call (request_id);
