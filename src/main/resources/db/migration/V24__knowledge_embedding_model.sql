-- Which embedding model made each stored embedding, so that documents embedded by another model (the rows written
-- before this column, made by the full-precision offline model or a provider's) are embedded again by the one in use.
-- NULL: not known, or a provider's model, whose name the index does not track.
ALTER TABLE ts_knowledge ADD COLUMN embedding_model VARCHAR(64);
