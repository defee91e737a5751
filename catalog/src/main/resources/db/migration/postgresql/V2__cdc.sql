-- What logical decoding (Debezium's pgoutput plugin) needs.
-- Full before-images, so updates and deletes carry every column of the old row.
ALTER TABLE movies REPLICA IDENTITY FULL;
ALTER TABLE people REPLICA IDENTITY FULL;
ALTER TABLE movie_people REPLICA IDENTITY FULL;

-- The publication catalog-cdc reads (catalog-cdc.postgres.publication; Debezium must not auto-create it).
CREATE PUBLICATION movie_recs_catalog FOR TABLE movies, people, movie_people;
