-- cluster: the time of the contact's last presence change, to order webhooks from several realtime nodes
ALTER TABLE "Interaction" ADD COLUMN "contactPresenceAt" TIMESTAMP(3);
