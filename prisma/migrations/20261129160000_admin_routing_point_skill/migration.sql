-- A routing point may also require a skill (M4: name to queue or skill), the chat still entering its queue.
ALTER TABLE "RoutingPoint" ADD COLUMN "skillId" TEXT;
ALTER TABLE "RoutingPoint" ADD CONSTRAINT "RoutingPoint_skillId_fkey" FOREIGN KEY ("skillId") REFERENCES "Skill"("id") ON DELETE SET NULL ON UPDATE CASCADE;
