-- One row per finished request with how its triage went, written when the request ends, so that the analytics
-- summary (GET /api/analytics/summary) aggregates one narrow table instead of reading process history. Every
-- column but the ids holds a value of a closed set (TicketsmithMetrics' label sets): nothing a client wrote.
CREATE TABLE ts_triage_outcome (
    request_id VARCHAR(64) NOT NULL PRIMARY KEY,
    ended_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The UTC day of ended_at, for the daily series.
    ended_day  DATE NOT NULL,
    source     VARCHAR(16) NOT NULL,
    -- Null when the request ended before it was analysed.
    category   VARCHAR(16),
    urgency    VARCHAR(16),
    sentiment  VARCHAR(16),
    -- llm, fallback or none
    analysis   VARCHAR(16) NOT NULL,
    -- The guardrails' route (AUTO, REVIEW, REJECT) or none
    route      VARCHAR(16) NOT NULL,
    -- approved, edited, rejected, expired or none (never reviewed)
    review     VARCHAR(16) NOT NULL,
    -- The process outcome: DONE, REFUSED, REJECTED, EXPIRED or FAILED
    outcome    VARCHAR(16) NOT NULL,
    -- Whether the request reached a decision (DONE, REFUSED, REJECTED)
    triaged    BOOLEAN NOT NULL
);

CREATE INDEX ts_triage_outcome_ended_at ON ts_triage_outcome (ended_at);
