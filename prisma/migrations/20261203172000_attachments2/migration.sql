-- attachments2: uploads in flight, counted across app instances (lib/attachments/budgets.ts).
-- One row per upload being received, removed when it ends, and ignored once past its expiry
-- (an instance that died mid-upload never holds a slot for ever).
CREATE TABLE "UploadSlot" (
    "id" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "UploadSlot_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "UploadSlot_address_expiresAt_idx" ON "UploadSlot"("address", "expiresAt");
CREATE INDEX "UploadSlot_expiresAt_idx" ON "UploadSlot"("expiresAt");
