-- Issue 18: offline messages left through the widget or /chat offline form
CREATE TABLE "OfflineMessage" (
    "id" TEXT NOT NULL,
    "clientKey" TEXT NOT NULL,
    "queueId" TEXT NOT NULL,
    "contactId" TEXT,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "state" TEXT NOT NULL DEFAULT 'new',
    "ownerId" TEXT,
    "answer" TEXT,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OfflineMessage_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "OfflineMessage_clientKey_key" ON "OfflineMessage"("clientKey");
CREATE INDEX "OfflineMessage_createdAt_idx" ON "OfflineMessage"("createdAt");
CREATE INDEX "OfflineMessage_contactId_idx" ON "OfflineMessage"("contactId");
CREATE INDEX "OfflineMessage_queueId_state_idx" ON "OfflineMessage"("queueId", "state");
