import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const alias = { '@': root, 'server-only': fileURLToPath(new URL('./test/server-only-stub.ts', import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'i18n/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', 'realtime-server/**'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'realtime',
          include: ['realtime-server/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'db',
          include: ['**/*.db.test.ts'],
          exclude: ['node_modules/**'],
          globalSetup: ['test/db-global-setup.ts'],
          // Each test file's process has a database of its own (test/db-worker.ts): files run side
          // by side, three at a time (they mostly wait on PostgreSQL).
          setupFiles: ['test/db-worker-setup.ts'],
          maxWorkers: 3,
          // A project with its own maxWorkers runs as a group of its own: after unit and realtime.
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
