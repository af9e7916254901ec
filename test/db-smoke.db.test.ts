// Proves the db project's global setup: a migrated PostgreSQL is reachable from tests.
import { describe, expect, it } from 'vitest';
import { pgClient } from './db';

describe('db test setup', () => {
  it('provides a migrated database through DATABASE_URL', async () => {
    expect(process.env.DATABASE_URL).toMatch(/^postgres(ql)?:\/\//);
    const client = await pgClient();
    try {
      const { rows } = await client.query(`SELECT to_regclass('public."User"') AS t`);
      expect(rows[0].t).not.toBeNull();
    } finally {
      await client.end();
    }
  });
});
