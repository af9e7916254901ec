-- Attachments: files sent in chats (lib/attachments/)
ALTER TABLE "Message" ADD COLUMN "attachments" JSONB;

CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "interactionId" TEXT NOT NULL,
    "messageId" TEXT,
    "clientId" TEXT NOT NULL,
    "uploaderType" "SenderType" NOT NULL,
    "uploaderUserId" TEXT,
    "storageKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "mime" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Attachment_interactionId_clientId_key" ON "Attachment"("interactionId", "clientId");
CREATE INDEX "Attachment_messageId_idx" ON "Attachment"("messageId");
CREATE INDEX "Attachment_storageKey_idx" ON "Attachment"("storageKey");
CREATE INDEX "Attachment_createdAt_idx" ON "Attachment"("createdAt");
