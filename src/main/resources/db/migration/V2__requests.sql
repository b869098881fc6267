-- One row per request, whichever way it arrived (API, Tasklist, engine REST, Jira). The status follows the
-- request process; the unique external id makes a resubmitted ticket the same request.
CREATE TABLE ts_request (
    id                  VARCHAR(64) NOT NULL PRIMARY KEY,
    external_id         VARCHAR(255),
    source              VARCHAR(64) NOT NULL,
    reporter            VARCHAR(255),
    submitted_by        VARCHAR(255),
    process_instance_id VARCHAR(64),
    status              VARCHAR(16) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE UNIQUE INDEX ts_request_external_id ON ts_request (external_id);
CREATE INDEX ts_request_status_created ON ts_request (status, created_at);
CREATE INDEX ts_request_created ON ts_request (created_at);
