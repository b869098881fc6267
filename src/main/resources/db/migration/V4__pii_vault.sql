-- Original values behind redaction placeholders, encrypted, kept only when ticketsmith.pii.restore-in-actions
-- is on, and deleted when the request ends.
CREATE TABLE ts_pii_vault (
    request_id  VARCHAR(255) NOT NULL,
    placeholder VARCHAR(64) NOT NULL,
    value_enc   TEXT NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (request_id, placeholder)
);
