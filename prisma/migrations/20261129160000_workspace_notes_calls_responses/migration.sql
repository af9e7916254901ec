-- Agent workspace (issue 12): notes can be edited/deleted by their author (A10), call attempts on a
-- contact's phone numbers (A1), standard responses (A15). Additive only.
ALTER TABLE "Note" ADD COLUMN "updatedAt" TIMESTAMP(3);
ALTER TABLE "Note" ADD COLUMN "deletedAt" TIMESTAMP(3);
CREATE INDEX "Note_interactionId_createdAt_idx" ON "Note"("interactionId", "createdAt");

CREATE TABLE "CallAttempt" (
    "id" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "interactionId" TEXT,
    "userId" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CallAttempt_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "CallAttempt_contactId_createdAt_idx" ON "CallAttempt"("contactId", "createdAt");
ALTER TABLE "CallAttempt" ADD CONSTRAINT "CallAttempt_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CallAttempt" ADD CONSTRAINT "CallAttempt_interactionId_fkey" FOREIGN KEY ("interactionId") REFERENCES "Interaction"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "CallAttempt" ADD CONSTRAINT "CallAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "StandardResponse" (
    "id" TEXT NOT NULL,
    "shortcut" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "titleFr" TEXT NOT NULL,
    "textEn" TEXT NOT NULL,
    "textFr" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "StandardResponse_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "StandardResponse_shortcut_key" ON "StandardResponse"("shortcut");
