-- Supervisor monitoring view (S1–S7).

-- S7: an agent request for help on one chat, cleared when a supervisor monitors or coaches it.
ALTER TABLE "Interaction" ADD COLUMN "helpRequestedAt" TIMESTAMP(3);

-- S2: time in state. Kept by the database itself so every writer of agentStatus (the agent, the
-- invitation sweep, admins) moves it without knowing about it.
ALTER TABLE "User" ADD COLUMN "statusSince" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
-- The function bodies are E-strings with each semicolon written as \073: the migration runner
-- splits scripts at every semicolon, even inside dollar quotes.
CREATE FUNCTION "User_status_since"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF NEW."agentStatus" IS DISTINCT FROM OLD."agentStatus" OR NEW."notReadyReason" IS DISTINCT FROM OLD."notReadyReason" THEN
    NEW."statusSince" := now() AT TIME ZONE \'UTC\'\073
  END IF\073
  RETURN NEW\073
END';
CREATE TRIGGER "User_status_since" BEFORE UPDATE ON "User" FOR EACH ROW EXECUTE FUNCTION "User_status_since"();

-- S3: one row per answered pending response (A6), written when a reply clears
-- pendingSince on a live chat, so "red responses today" is computed from stored data with the
-- thresholds in force when the figures are read.
CREATE TABLE "ResponseWait" (
  "id" TEXT NOT NULL,
  "interactionId" TEXT NOT NULL,
  "queueId" TEXT NOT NULL,
  "agentId" TEXT,
  "pendingSince" TIMESTAMP(3) NOT NULL,
  "answeredAt" TIMESTAMP(3) NOT NULL,
  "waitMs" INTEGER NOT NULL,
  CONSTRAINT "ResponseWait_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "ResponseWait_interactionId_fkey" FOREIGN KEY ("interactionId") REFERENCES "Interaction"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "ResponseWait_answeredAt_idx" ON "ResponseWait"("answeredAt");
CREATE FUNCTION "Interaction_response_wait"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE answered TIMESTAMP(3) := now() AT TIME ZONE \'UTC\'\073
BEGIN
  IF OLD."pendingSince" IS NOT NULL AND NEW."pendingSince" IS NULL AND OLD.status = \'ACTIVE\' AND NEW.status = \'ACTIVE\' THEN
    INSERT INTO "ResponseWait" ("id", "interactionId", "queueId", "agentId", "pendingSince", "answeredAt", "waitMs")
    VALUES (gen_random_uuid()::text, NEW.id, NEW."queueId", NEW."ownerId", OLD."pendingSince", answered,
            GREATEST(0, (EXTRACT(EPOCH FROM (answered - OLD."pendingSince")) * 1000)::int))\073
  END IF\073
  RETURN NEW\073
END';
CREATE TRIGGER "Interaction_response_wait" AFTER UPDATE OF "pendingSince" ON "Interaction" FOR EACH ROW EXECUTE FUNCTION "Interaction_response_wait"();

-- S4 "monitor next": a supervisor attached to the next accepted chats until they stop.
CREATE TABLE "MonitorNext" (
  "supervisorId" TEXT NOT NULL,
  "agentId" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "MonitorNext_pkey" PRIMARY KEY ("supervisorId", "agentId"),
  CONSTRAINT "MonitorNext_supervisorId_fkey" FOREIGN KEY ("supervisorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "MonitorNext_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "MonitorNext_agentId_idx" ON "MonitorNext"("agentId");
