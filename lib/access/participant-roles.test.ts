// Each named participant set is what it says, and each path that decides who writes or who is a
// member uses the name, not a list of its own.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTERNAL_WRITERS, LIVE_MEMBERS, SILENT_SUPERVISING, STAFF_MEMBERS, SUPERVISING, WRITERS, sqlRoleList } from './participant-roles';

const read = (f: string) => fs.readFileSync(path.join(process.cwd(), f), 'utf8');

describe('participant-role sets', () => {
  it('are these roles', () => {
    expect(LIVE_MEMBERS).toEqual(['OWNER', 'CONFERENCE']);
    expect(WRITERS).toEqual(['OWNER', 'CONFERENCE', 'BARGE_IN']);
    expect(STAFF_MEMBERS).toEqual(['OWNER', 'CONFERENCE', 'CONSULT']);
    expect(SUPERVISING).toEqual(['MONITOR', 'COACH', 'BARGE_IN']);
    expect(SILENT_SUPERVISING).toEqual(['MONITOR', 'COACH']);
    expect(INTERNAL_WRITERS).toEqual(['OWNER', 'CONFERENCE', 'COACH']);
  });

  it('relate as the rules say: writers are the members plus barge-in; silent supervising is supervising less barge-in', () => {
    expect(new Set(WRITERS)).toEqual(new Set([...LIVE_MEMBERS, 'BARGE_IN']));
    expect(new Set(SILENT_SUPERVISING)).toEqual(new Set(SUPERVISING.filter((r) => !(WRITERS as readonly string[]).includes(r))));
    expect(new Set(INTERNAL_WRITERS)).toEqual(new Set([...LIVE_MEMBERS, 'COACH']));
  });

  it('render as SQL literals', () => {
    expect(sqlRoleList(WRITERS)).toBe("'OWNER', 'CONFERENCE', 'BARGE_IN'");
  });

  // Which path uses which set (Prisma, plain pg and SQL text alike).
  const uses: [string, string[]][] = [
    ['lib/interactions/core/access.ts', ['LIVE_MEMBERS', 'WRITERS']],
    ['lib/interactions/staff/agent-views.ts', ['LIVE_MEMBERS']],
    ['lib/interactions/staff/internal-stream.ts', ['INTERNAL_WRITERS']],
    ['lib/routing/router.ts', ['LIVE_MEMBERS']],
    ['lib/collaboration/targets.ts', ['LIVE_MEMBERS']],
    ['lib/collaboration/rules.ts', ['LIVE_MEMBERS']],
    ['lib/reports/report-data.ts', ['LIVE_MEMBERS']],
    ['lib/supervisor/board-data.ts', ['LIVE_MEMBERS']],
    ['lib/collaboration/invitations.ts', ['LIVE_MEMBERS', 'STAFF_MEMBERS']],
    ['lib/collaboration/consultation.ts', ['STAFF_MEMBERS']],
    ['lib/collaboration/voice.ts', ['STAFF_MEMBERS']],
    ['lib/supervisor/supervision.ts', ['STAFF_MEMBERS', 'SUPERVISING']],
    ['lib/admin/directory-admin.ts', ['SILENT_SUPERVISING', 'SUPERVISING']],
    ['app/(console)/agent/collaboration/collaboration-controls.tsx', ['LIVE_MEMBERS']],
  ];
  it.each(uses)('%s uses %j and spells no role list of its own', (file, names) => {
    const src = read(file);
    for (const n of names) expect(src).toMatch(new RegExp(`\\b${n}\\b`));
    // No inline list of two or more participant roles (in TS arrays or SQL IN lists).
    expect(src).not.toMatch(/'(OWNER|CONFERENCE|CONSULT|MONITOR|COACH|BARGE_IN)',\s*'(OWNER|CONFERENCE|CONSULT|MONITOR|COACH|BARGE_IN)'/);
    expect(src).not.toMatch(/role === '(OWNER|CONFERENCE)' \|\| \w+\.role === '(OWNER|CONFERENCE|CONSULT)'/);
  });
});
