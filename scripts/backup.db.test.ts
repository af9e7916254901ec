// Issue 22, script level: `db:backup` while the database runs, the database folder removed,
// `db:restore` (which creates it again), and the chat from before is there with its transcript.
// The real commands run, on a throwaway embedded PostgreSQL (EMBEDDED_PG_DIR).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPg, type EmbeddedPg } from './lib/embedded-pg';
import { getFreePort } from './lib/ports';
import { migrateDeploy } from './lib/steps';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-test-'));
fs.chmodSync(dir, 0o755);
let running: EmbeddedPg | undefined;

afterAll(async () => {
  await running?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('db:backup and db:restore', () => {
  it('restores a chat and its transcript after the database folder is gone', async () => {
    const port = await getFreePort();
    const pgDir = path.join(dir, 'pg');
    const env: NodeJS.ProcessEnv = { ...process.env, EMBEDDED_PG_DIR: pgDir, EMBEDDED_PG_PORT: String(port), BACKUP_DIR: path.join(dir, 'backups') };
    delete env.DATABASE_URL;

    running = await startEmbeddedPg({ dataDir: pgDir, port, database: 'chat' });
    await migrateDeploy({ ...env, DATABASE_URL: running.url }, true);
    const c = new pg.Client({ connectionString: running.url });
    await c.connect();
    await c.query(`INSERT INTO "Queue" (id, name) VALUES ('q1', 'General')`);
    await c.query(`INSERT INTO "Contact" (id, name, "updatedAt") VALUES ('k1', 'Bea Backup', now())`);
    await c.query(`INSERT INTO "Interaction" (id, "contactId", "queueId", "secretHash", subject, status, "lastSeq") VALUES ('i1', 'k1', 'q1', 'h1', 'Before the backup', 'DONE', 2)`);
    await c.query(`INSERT INTO "Message" (id, "interactionId", seq, "senderType", "senderName", text) VALUES ('m1', 'i1', 1, 'CONTACT', 'Bea', 'hello before'), ('m2', 'i1', 2, 'AGENT', 'Al', 'reply before')`);
    await c.end();

    // Backup while the database runs (adopted by the command, left running).
    const { stdout } = await run('npx', ['tsx', 'scripts/backup.ts', 'backup'], { env });
    const file = stdout.trim().split('\n').find((l) => l.endsWith('.dump'))!;
    expect(file).toMatch(/backups\/.+\.dump$/);
    expect(fs.existsSync(file)).toBe(true);

    // Restore is refused while the database runs.
    await expect(run('npx', ['tsx', 'scripts/backup.ts', 'restore', file], { env })).rejects.toMatchObject({ stderr: expect.stringContaining('stop the product') });

    await running.stop();
    running = undefined;
    fs.rmSync(pgDir, { recursive: true, force: true });

    await run('npx', ['tsx', 'scripts/backup.ts', 'restore', file], { env });

    running = await startEmbeddedPg({ dataDir: pgDir, port, database: 'chat' });
    const d = new pg.Client({ connectionString: running.url });
    await d.connect();
    const chat = await d.query(`SELECT subject, status::text FROM "Interaction" WHERE id = 'i1'`);
    const msgs = await d.query(`SELECT seq, text FROM "Message" WHERE "interactionId" = 'i1' ORDER BY seq`);
    await d.end();
    expect(chat.rows).toEqual([{ subject: 'Before the backup', status: 'DONE' }]);
    expect(msgs.rows).toEqual([{ seq: 1, text: 'hello before' }, { seq: 2, text: 'reply before' }]);
  }, 240_000);

  it('refuses DATABASE_URL without the confirmation flag', async () => {
    const env = { ...process.env, DATABASE_URL: 'postgresql://x:y@127.0.0.1:1/none' };
    await expect(run('npx', ['tsx', 'scripts/backup.ts', 'restore', 'whatever.dump'], { env })).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});
