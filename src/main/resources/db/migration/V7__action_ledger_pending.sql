-- An action is entered as PENDING before Jira is called and becomes DONE after Jira answered. A PENDING entry
-- found by a retry means the call may have happened (the write after it failed, or the node died): the retry
-- asks Jira before calling again.
ALTER TABLE ts_action_ledger ADD COLUMN state VARCHAR(16) DEFAULT 'DONE' NOT NULL;
