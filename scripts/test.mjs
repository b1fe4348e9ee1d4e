// `npm test`: unit + integration (Vitest), then end-to-end (Playwright), then one closing summary line.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

fs.mkdirSync(".reports", { recursive: true });
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
const passed = (v?.numPassedTests ?? 0) + (p?.stats?.expected ?? 0) + (p?.stats?.flaky ?? 0);
const failed = (v?.numFailedTests ?? 0) + (p?.stats?.unexpected ?? 0);
const skipped = (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0) + (p?.stats?.skipped ?? 0);
const ok = vitestStatus === 0 && e2eStatus === 0 && failed === 0 && passed > 0;
console.log(`\nvitest: exit ${vitestStatus}; playwright: exit ${e2eStatus}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok ? 0 : 1);
