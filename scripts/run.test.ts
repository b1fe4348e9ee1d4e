import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("npm start", () => {
  it("refuses to start without APP_URL, saying why, before touching any database", () => {
    const { APP_URL: _unset, ...environment } = process.env;
    const run = spawnSync(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/run.ts", "start"],
      {
        encoding: "utf8",
        env: { ...environment, DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", TIERLINE_DEMO: "" },
        timeout: 60_000,
      },
    );
    const output = run.stdout + run.stderr;
    expect(run.status).toBe(1);
    expect(output).toContain("APP_URL is not set");
    expect(output).not.toMatch(/demo-2026/);
  }, 60_000); // spawns a TypeScript process: seconds on a busy machine
});
