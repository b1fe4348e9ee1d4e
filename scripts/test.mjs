// `npm test`: unit + integration (Vitest), then end-to-end (Playwright), then one closing summary line.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

fs.mkdirSync(".reports", { recursive: true });
// A report left by an earlier run must never be counted as this run's.
for (const f of [".reports/vitest.json", ".reports/playwright.json"]) fs.rmSync(f, { force: true });
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;

const vitestStatus = run("npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=.reports/vitest.json",
]);
const e2eStatus = run("npx", ["playwright", "test", "--reporter=list,json"], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: ".reports/playwright.json",
});

const read = (f) => (fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")) : null);
const v = read(".reports/vitest.json");
const p = read(".reports/playwright.json");
// Vitest, per test: "skipped" (skip, skipIf, a skipped suite) and "todo" are skipped; "pending" is a test that
// started and never finished (which vitest's own numPendingTests would call skipped): it counts as failed, and
// so does a test file that failed before any of its tests ran (an import error).
const vitestTests = (v?.testResults ?? []).flatMap((file) => file.assertionResults ?? []);
const vitestCount = (...statuses) => vitestTests.filter((t) => statuses.includes(t.status)).length;
const brokenFiles = (v?.testResults ?? []).filter(
  (file) => file.status === "failed" && (file.assertionResults ?? []).length === 0,
).length;
// Playwright: a flaky test passed on a retry; skipped counts test.skip/fixme and tests not run after a failure.
const passed = vitestCount("passed") + (p?.stats?.expected ?? 0) + (p?.stats?.flaky ?? 0);
const failed = vitestCount("failed", "pending") + brokenFiles + (p?.stats?.unexpected ?? 0);
const skipped = vitestCount("skipped", "todo") + (p?.stats?.skipped ?? 0);
const ok = vitestStatus === 0 && e2eStatus === 0 && failed === 0 && passed > 0;
console.log(`\nvitest: exit ${vitestStatus}; playwright: exit ${e2eStatus}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok ? 0 : 1);
