import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedPg, stopEmbeddedPg } from './embedded-pg';

const isRoot = process.getuid?.() === 0;

describe('embedded PostgreSQL started by root', () => {
  let closed: string | undefined;
  afterEach(async () => {
    if (!closed) return;
    await stopEmbeddedPg(path.join(closed, 'checkout', '.data', 'pg'));
    fs.rmSync(closed, { recursive: true, force: true });
  });

  // Only root runs PostgreSQL as another user; as an ordinary user the folder is the user's own.
  it.runIf(isRoot)('in a checkout other users cannot enter: one clear sentence, no spawn EACCES trace', async () => {
    closed = fs.mkdtempSync(path.join(os.tmpdir(), 'closed-')); // mkdtemp makes it 0700
    expect(fs.statSync(closed).mode & 0o777).toBe(0o700);
    const dataDir = path.join(closed, 'checkout', '.data', 'pg');
    const err = await startEmbeddedPg({ dataDir, port: 0 }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err!.message).toContain(`cannot open ${closed}`);
    expect(err!.message).toMatch(/move the checkout to a folder everyone may enter/);
    expect(err!.message).not.toMatch(/EACCES|\n/);
    expect(fs.existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(false);
  });
});
