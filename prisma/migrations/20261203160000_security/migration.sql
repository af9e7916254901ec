-- security: per-user session version (sign-out, password reset, role change and deactivation end every session)
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
