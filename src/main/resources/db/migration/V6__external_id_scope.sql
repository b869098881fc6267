-- External ids are unique per scope, not across every client: a ticket system's keys (source jira) share the
-- scope of that system, which only its connector fills; every other client's ids are its own. Before, one client
-- could submit another's id first, or an API client a Jira issue key, and the real submission found "its" request.
ALTER TABLE ts_request ADD COLUMN external_scope VARCHAR(255);

UPDATE ts_request SET external_scope = CASE WHEN source IN ('jira', 'zendesk') THEN source
    ELSE COALESCE(submitted_by, 'api') END
WHERE external_id IS NOT NULL;

DROP INDEX ts_request_external_id;
CREATE UNIQUE INDEX ts_request_external_id ON ts_request (external_scope, external_id);
