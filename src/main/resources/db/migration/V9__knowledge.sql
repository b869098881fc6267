-- The knowledge index: documents (redacted) and their embeddings, in the application's database so that every node
-- serves from the same index, on H2 and PostgreSQL alike (no extension needed). The embedding is kept as Base64 of
-- its float32 values.
CREATE TABLE ts_knowledge (
    id          VARCHAR(255) NOT NULL PRIMARY KEY,
    source      VARCHAR(32) NOT NULL,
    content     TEXT NOT NULL,
    metadata    TEXT NOT NULL,
    embedding   TEXT NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ts_knowledge_source ON ts_knowledge (source);
