-- Issue 20 (reports): an append-only agent-state history, written by the database itself on every
-- change of agentStatus or notReadyReason, so every writer records each change exactly once.
-- The open row of an agent has endedAt NULL and is closed by the next change.
CREATE TABLE "AgentStateEvent" (
  "id" BIGSERIAL NOT NULL,
  "userId" TEXT NOT NULL,
  "status" TEXT NOT NULL,
  "reason" TEXT,
  "startedAt" TIMESTAMP(3) NOT NULL,
  "endedAt" TIMESTAMP(3),
  CONSTRAINT "AgentStateEvent_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "AgentStateEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "AgentStateEvent_userId_startedAt_idx" ON "AgentStateEvent"("userId", "startedAt");
CREATE INDEX "AgentStateEvent_startedAt_idx" ON "AgentStateEvent"("startedAt");
CREATE UNIQUE INDEX "AgentStateEvent_open_key" ON "AgentStateEvent"("userId") WHERE "endedAt" IS NULL;
CREATE FUNCTION "User_state_history"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE t timestamp(3) := clock_timestamp() AT TIME ZONE \'UTC\'\073
BEGIN
  IF TG_OP = \'INSERT\' OR NEW."agentStatus" IS DISTINCT FROM OLD."agentStatus" OR NEW."notReadyReason" IS DISTINCT FROM OLD."notReadyReason" THEN
    UPDATE "AgentStateEvent" SET "endedAt" = GREATEST(t, "startedAt") WHERE "userId" = NEW.id AND "endedAt" IS NULL\073
    INSERT INTO "AgentStateEvent" ("userId", "status", "reason", "startedAt") VALUES (NEW.id, NEW."agentStatus"::text, NEW."notReadyReason", t)\073
  END IF\073
  RETURN NEW\073
END';
CREATE TRIGGER "User_state_history" AFTER INSERT OR UPDATE ON "User" FOR EACH ROW EXECUTE FUNCTION "User_state_history"();
-- The history starts now: one open row per existing agent in its current state.
INSERT INTO "AgentStateEvent" ("userId", "status", "reason", "startedAt")
  SELECT id, "agentStatus"::text, "notReadyReason", "statusSince" FROM "User";
-- Report scans by period.
CREATE INDEX IF NOT EXISTS "Interaction_createdAt_idx" ON "Interaction"("createdAt");
-- Per-chat lookups of the report rows (response waits of a chat).
CREATE INDEX IF NOT EXISTS "ResponseWait_interactionId_idx" ON "ResponseWait"("interactionId");
