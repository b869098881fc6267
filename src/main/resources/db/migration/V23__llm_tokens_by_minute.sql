-- The tokens of the LLM calls of each minute, kept with every call recorded in ts_llm_usage, for the hourly token cap:
-- adding up the last hour's rows instead took about 9 ms of PostgreSQL time per request at 1,000 calls a minute.
-- Minutes older than a day are removed as new ones begin.
CREATE TABLE ts_llm_tokens_minute (
    minute_start TIMESTAMP WITH TIME ZONE NOT NULL PRIMARY KEY,
    tokens       BIGINT                   NOT NULL
);

INSERT INTO ts_llm_tokens_minute (minute_start, tokens)
SELECT DATE_TRUNC('minute', called_at), SUM(prompt_tokens + completion_tokens) FROM ts_llm_usage
WHERE called_at >= CURRENT_TIMESTAMP - INTERVAL '1' DAY GROUP BY DATE_TRUNC('minute', called_at);
