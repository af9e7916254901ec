-- The contact sees only the name they typed, and a match to an existing contact record by an
-- unverified email or phone is flagged for the agent.
ALTER TABLE "Interaction" ADD COLUMN "contactName" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Interaction" ADD COLUMN "unverifiedMatch" BOOLEAN NOT NULL DEFAULT false;
-- Chats started before this change keep showing the record name they were shown so far.
UPDATE "Interaction" i SET "contactName" = c.name FROM "Contact" c WHERE c.id = i."contactId";
