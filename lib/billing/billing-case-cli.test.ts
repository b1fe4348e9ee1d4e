import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The command of shared/billing-cases/README.md, run the way a reviewer runs it (tsx, no alias).
const root = path.resolve(__dirname, "../..");
const runCase = (file: string) =>
  spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/billing-case.ts", file], {
    cwd: root,
    encoding: "utf8",
  });

describe("billing:case command", () => {
  it("prints the expected-shaped JSON with 2-space indentation", () => {
    const file = path.resolve(root, "../shared/billing-cases/06-eur-invoice-commitment-by-fx.json");
    const result = runCase(file);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      `${JSON.stringify(JSON.parse(readFileSync(file, "utf8")).expected, null, 2)}\n`,
    );
  }, 60_000); // spawns a TypeScript process: seconds on a busy machine

  it("rejects invalid input on stderr with exit code 1", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "billing-case-")), "bad.json");
    writeFileSync(file, JSON.stringify({ input: { period: "2024-13", currency: "usd" } }));
    const result = runCase(file);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("invalid case file");
    expect(result.stderr).toContain("period");
  }, 60_000); // spawns a TypeScript process: seconds on a busy machine
});
