/**
 * Whether this integration project runs on PostgreSQL (vitest.config.ts sets TEST_ENGINE per project). Known
 * when tests are collected, unlike `globalThis.testEngine` (set in beforeAll), so `it.skipIf(!onPostgres)`
 * reports a PostgreSQL-only test as skipped on PGlite instead of passing it without running.
 */
export const onPostgres = process.env.TEST_ENGINE === "postgres";
