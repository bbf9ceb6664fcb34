import { defineConfig } from 'vitest/config'

// One vitest run, several projects. The integration suites run twice — once on PGlite and once
// on PostgreSQL — the way drizzle's own tests run one suite against every driver.
// scripts/test.mjs decides which of the environment-dependent projects are available.
const dbSuites = [
  'tests/integration/**/*.test.ts',
  'tests/realtime/**/*.test.ts',
  'tests/faults/**/*.test.ts',
]

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        // Inherit the root options (timeouts) — projects do not by default.
        extends: true,
        test: {
          name: 'unit',
          include: ['db/src/**/*.test.ts', 'search/src/**/*.test.ts', 'server/src/**/*.test.ts'],
        },
      },
      {
        // Inherit the root options (timeouts) — projects do not by default.
        extends: true,
        test: {
          name: 'process',
          include: ['tests/process/**/*.test.ts'],
          testTimeout: 90_000,
        },
      },
      {
        // Inherit the root options (timeouts) — projects do not by default.
        extends: true,
        test: {
          name: 'pglite',
          include: dbSuites,
          env: { LIANDONG_TEST_DB: 'pglite' },
        },
      },
      {
        // Inherit the root options (timeouts) — projects do not by default.
        extends: true,
        test: {
          name: 'postgres',
          include: dbSuites,
          env: { LIANDONG_TEST_DB: 'postgres' },
          globalSetup: ['tests/support/postgres-setup.ts'],
        },
      },
      {
        // Inherit the root options (timeouts) — projects do not by default.
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          globalSetup: ['tests/e2e/global-setup.ts'],
        },
      },
    ],
  },
})
