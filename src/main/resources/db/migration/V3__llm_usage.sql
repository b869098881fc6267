-- Tokens and cost of every LLM call, for the daily budget and the cost report. The day is the UTC day.
CREATE TABLE ts_llm_usage (
    id                VARCHAR(36) NOT NULL PRIMARY KEY,
    called_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    usage_day         DATE NOT NULL,
    request_id        VARCHAR(255),
    provider          VARCHAR(32) NOT NULL,
    model             VARCHAR(128) NOT NULL,
    prompt_tokens     BIGINT NOT NULL,
    completion_tokens BIGINT NOT NULL,
    cost_usd          NUMERIC(14, 6) NOT NULL,
    outcome           VARCHAR(16) NOT NULL
);

CREATE INDEX ts_llm_usage_usage_day ON ts_llm_usage (usage_day);
CREATE INDEX ts_llm_usage_called_at ON ts_llm_usage (called_at);
