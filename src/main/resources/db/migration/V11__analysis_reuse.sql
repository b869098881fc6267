-- Analyses reused from a near-identical earlier request (the semantic cache): no LLM call was made, and what the
-- reused analysis cost is counted as saved. Kept apart from ts_llm_usage, which holds calls that cost money.
CREATE TABLE ts_analysis_reuse (
    id          VARCHAR(36) NOT NULL PRIMARY KEY,
    reused_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    usage_day   DATE NOT NULL,
    request_id  VARCHAR(255) NOT NULL,
    reused_from VARCHAR(255) NOT NULL,
    saved_usd   NUMERIC(14, 6) NOT NULL
);

CREATE INDEX ts_analysis_reuse_usage_day ON ts_analysis_reuse (usage_day);
