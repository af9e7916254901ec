-- Issue 20 (reports3): the transcript search's contact filter ("part of the name, case-insensitive",
-- an ILIKE '%...%') read every chat's name, 0.35 s on 100,000 chats and twice per search (the plan's
-- chat count, then the search). A trigram GIN index answers ILIKE '%...%' from the index
-- (pg_trgm ships with the embedded PostgreSQL, like unaccent).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Interaction_contactName_trgm_idx" ON "Interaction" USING GIN ("contactName" gin_trgm_ops);
