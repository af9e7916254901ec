/**
 * Which database a db-project test file uses: a clone of the migrated test database of its own
 * process, `<name>_p<pid>`, made on first use (test/db-worker-setup.ts), so test files run side
 * by side and one file's `resetDb()` never empties the tables another file is using.
 */
import pg from 'pg';

export function workerDatabaseUrl(url: string, suffix = `p${process.pid}`): string {
  if (!suffix) return url;
  const u = new URL(url);
  u.pathname = `${u.pathname.replace(/_p\d+$/, '')}_${suffix}`;
  return u.toString();
}

/** Creates this process's database from the migrated one unless it exists; returns its URL. */
export async function ensureWorkerDatabase(templateUrl: string, suffix = `p${process.pid}`): Promise<string> {
  const url = workerDatabaseUrl(templateUrl, suffix);
  const template = new URL(templateUrl).pathname.slice(1).replace(/_p\d+$/, '');
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}" TEMPLATE "${template.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  return url;
}
