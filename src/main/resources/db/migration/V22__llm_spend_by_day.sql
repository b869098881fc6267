-- Each UTC day's LLM spend as a running total, kept with every call recorded in ts_llm_usage. The budget is checked
-- for every request; summing the day's rows of ts_llm_usage instead took longer the more calls the day had (about
-- 120 ms of PostgreSQL time at 1.44 million calls, the end of a day at 1,000 requests a minute).
CREATE TABLE ts_llm_spend_day (
    usage_day DATE           NOT NULL PRIMARY KEY,
    cost_usd  NUMERIC(18, 6) NOT NULL,
    calls     BIGINT         NOT NULL
);

INSERT INTO ts_llm_spend_day (usage_day, cost_usd, calls)
SELECT usage_day, SUM(cost_usd), COUNT(*) FROM ts_llm_usage GROUP BY usage_day;

-- What a reused analysis saved is what its request's calls cost: looked up by request, not by a scan of every call.
CREATE INDEX ts_llm_usage_request_id ON ts_llm_usage (request_id);
