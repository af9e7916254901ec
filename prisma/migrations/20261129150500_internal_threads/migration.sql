-- Internal messages belong to a side conversation: supervisor coaching or a consultation.
ALTER TABLE "Message" ADD COLUMN "thread" TEXT;
ALTER TABLE "Message" ADD CONSTRAINT "Message_thread_check"
  CHECK ("thread" IS NULL OR ("visibility" = 'INTERNAL' AND "thread" IN ('coaching', 'consultation')));
