-- Each start of a node takes the next number as the first part of the engine ids it hands out (CompactIdGenerator):
-- a number no node takes twice, so the nodes sharing the database never make the same id.
CREATE SEQUENCE ts_engine_id_space START WITH 1;
