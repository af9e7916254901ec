/**
 * Setup file of the db project (runs in each worker before a test file is loaded): points
 * DATABASE_URL at this worker's own database before any module reads it (lib/env.ts).
 */
import { workerDatabaseUrl } from './db-worker';

if (process.env.DATABASE_URL) process.env.DATABASE_URL = workerDatabaseUrl(process.env.DATABASE_URL);
