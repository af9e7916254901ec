/**
 * Which database a db-project worker uses: its own clone of the migrated test database,
 * `<name>_w<VITEST_POOL_ID>` (made by test/db-global-setup.ts), so test files run side by side.
 */
export function workerDatabaseUrl(url: string, poolId = process.env.VITEST_POOL_ID): string {
  if (!poolId) return url;
  const u = new URL(url);
  u.pathname = `${u.pathname.replace(/_w\d+$/, '')}_w${poolId}`;
  return u.toString();
}
