-- Issue 20 (reports2): transcript search. PostgreSQL full-text search in English and French with
-- accents ignored. The two configurations are copies of the built-in english and french ones with
-- the unaccent dictionary ahead of the stemmer (the documented way to ignore accents), so
-- "recu" finds "reçu" and "probleme" finds "problème".
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION reports_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION reports_english ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE TEXT SEARCH CONFIGURATION reports_french (COPY = french);
ALTER TEXT SEARCH CONFIGURATION reports_french ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
-- Every text message (contact-visible and internal) in both languages at once, stored once at
-- insert (a generated column: the two-argument to_tsvector is immutable) so that a search can
-- either use the GIN index (rare words) or walk the newest messages and test each row cheaply
-- (common words), whichever the planner finds cheaper.
ALTER TABLE "Message" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
  CASE WHEN "kind" = 'TEXT' THEN to_tsvector('reports_english'::regconfig, "text") || to_tsvector('reports_french'::regconfig, "text") END
) STORED;
CREATE INDEX "Message_searchVector_idx" ON "Message" USING GIN ("searchVector");
CREATE INDEX "Message_createdAt_idx" ON "Message" ("createdAt");
