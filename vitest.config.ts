import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": import.meta.dirname,
  "server-only": path.resolve(import.meta.dirname, "tests/server-only-stub.ts"),
};
const integration = ["**/*.int.test.ts"];
const ignore = ["node_modules/**", ".next/**", ".data/**", "e2e/**"];

// Unit tests run once; integration tests run on in-memory PGlite and, when TEST_DATABASE_URL is set,
// a second time on that PostgreSQL server.
const projects = [
  {
    resolve: { alias },
    test: { name: "unit", include: ["**/*.test.ts"], exclude: [...ignore, ...integration] },
  },
  {
    resolve: { alias },
    test: {
      name: "pglite",
      include: integration,
      exclude: ignore,
      env: { TEST_ENGINE: "pglite" },
      globalSetup: ["tests/pglite-template.ts"],
      setupFiles: ["tests/setup-db.ts"],
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          resolve: { alias },
          test: {
            name: "postgres",
            include: integration,
            exclude: ignore,
            env: { TEST_ENGINE: "postgres" },
            setupFiles: ["tests/setup-db.ts"],
            testTimeout: 60_000,
            hookTimeout: 120_000,
          },
        },
      ]
    : []),
];

// Two workers: vitest's default in a run is one fewer than the cores, a single worker on a 2-core machine
// (CI's), which left a core idle while integration tests waited on PostgreSQL (a third gained 3-10 %).
// Worker threads, not forked processes: each integration file starts its own PGlite, and in threads the
// pglite project takes about two thirds of the time (114-118 s against 157-178 s; the whole run with
// TEST_DATABASE_URL 206-253 s against 277 s).
export default defineConfig({ test: { projects, pool: "threads", maxWorkers: 2, testTimeout: 30_000 } });
