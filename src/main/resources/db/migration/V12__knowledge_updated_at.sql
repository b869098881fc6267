-- Every node reads the ids and times of recently written documents each second to keep its in-memory embeddings
-- current; without an index that read scans the whole table.
CREATE INDEX ts_knowledge_updated_at ON ts_knowledge (updated_at);
