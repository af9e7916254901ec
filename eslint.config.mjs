// npm run lint — ESLint with Next.js's recommended rules (core web vitals + TypeScript), plus one
// house rule: the app reads its environment only through lib/env.ts (validated, typed, one list
// of every variable that .env.example documents).
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      'lib/generated/**', // Prisma's generated client
      'test-results/**',
      'test-reports/**',
      'playwright-report/**',
      'bench/results/**',
      '.data/**',
      'next-env.d.ts',
    ],
  },
  {
    rules: {
      // React Compiler diagnostics from react-hooks v7. This app does not use the compiler, and
      // these flag ordinary, correct patterns (keeping a ref on the latest callback, resetting
      // state when a prop changes, Date.now() for a timer's label) that every stream writes.
      // Kept: rules-of-hooks, exhaustive-deps, static-components, set-state-in-render,
      // immutability, globals, use-memo, error-boundaries — these catch real bugs.
      'react-hooks/refs': 'off',
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/purity': 'off',
      'react-hooks/preserve-manual-memoization': 'off',
      'react-hooks/incompatible-library': 'off',
      'react-hooks/unsupported-syntax': 'off',
      'react-hooks/config': 'off',
      'react-hooks/gating': 'off',
      // Unused names are errors, except the deliberately ignored `_x`.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // App code reads process.env only through lib/env.ts.
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    rules: { 'no-process-env': 'error' },
  },
  {
    files: [
      'lib/env.ts', // the one place the app reads its environment
      // Not app code: they start, configure or drive processes (their own env is their input).
      'scripts/**',
      'bench/**',
      'test/**',
      'e2e/**',
      '**/*.test.ts',
      '*.config.{ts,js,mjs}',
      // The built-in realtime server is standalone (`npm run realtime`, no import from the app,
      // usable without it), so it reads its own REALTIME_* / PUSHER_* variables.
      'realtime-server/**',
      // Prisma's CLI config and seed run outside the app (npm run db:*).
      'prisma/**',
      'prisma.config.ts',
    ],
    rules: { 'no-process-env': 'off' },
  },
  {
    // Tools, tests and the bench: loose typing of JSON and third-party internals is fine there;
    // Playwright's fixture `use()` and test helpers named use… are not React hooks.
    files: ['scripts/**', 'bench/**', 'test/**', 'e2e/**', '**/*.test.ts', 'realtime-server/test-helpers.ts', 'prisma.config.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'react-hooks/rules-of-hooks': 'off' },
  },
];

export default config;
