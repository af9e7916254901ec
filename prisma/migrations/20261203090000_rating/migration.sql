-- Rating at the end of a chat (CSAT): written by the widget and contact page, read by the
-- contact history and the supervisors' reports.
ALTER TABLE "Interaction" ADD COLUMN "rating" INTEGER;
ALTER TABLE "Interaction" ADD COLUMN "ratingComment" TEXT;
ALTER TABLE "Interaction" ADD COLUMN "ratedAt" TIMESTAMP(3);
ALTER TABLE "Interaction" ADD CONSTRAINT "Interaction_rating_range" CHECK ("rating" IS NULL OR ("rating" BETWEEN 1 AND 5));
CREATE INDEX "Interaction_ratedAt_idx" ON "Interaction" ("ratedAt") WHERE "rating" IS NOT NULL;
