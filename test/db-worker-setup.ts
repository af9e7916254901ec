/**
 * Setup file of the db project (runs in the test file's process before the file is loaded):
 * makes this process's own database and points DATABASE_URL at it before any module reads it
 * (lib/env.ts). See test/db-worker.ts.
 */
import { ensureWorkerDatabase } from './db-worker';

if (process.env.DATABASE_URL) process.env.DATABASE_URL = await ensureWorkerDatabase(process.env.DATABASE_URL);
