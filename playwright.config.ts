import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
// Debian's Chromium when present (Playwright cannot download browsers here); Playwright's own otherwise.
const executablePath =
  process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    // Recording a trace of every test costs about a fifth of the suite's time on CI's two cores: there, only a
    // failed test's retry records one.
    trace: process.env.CI ? "on-first-retry" : "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath, args: ["--no-sandbox", "--disable-background-networking"] },
  },
  projects: [
    // Signs each demo login in once and keeps its session for the specs (e2e/auth.setup.ts, helpers.ts openAs).
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "desktop",
      testIgnore: /(branding|fx|catalogue)\.spec/,
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"] },
    },
    // Specs that change what the storefront shows (an FX import, a tier retired for a while) run after the
    // specs that read it.
    {
      name: "storefront-changes",
      testMatch: /(fx|catalogue)\.spec/,
      dependencies: ["desktop"],
      use: { ...devices["Desktop Chrome"] },
    },
    // Rebranding changes what the other specs assert, so it runs after them.
    {
      name: "branding",
      testMatch: /branding\.spec/,
      dependencies: ["desktop", "storefront-changes"],
      use: { ...devices["Desktop Chrome"] },
    },
  ],
  webServer: {
    // The production build on a fresh embedded database of its own, exactly as `npm start` runs it. The
    // database and the simulator on fixed ports: e2e/reseller.ts writes each spec's own reseller there.
    command: `rm -rf .data/e2e && npm run build && TIERLINE_DEMO=1 WEBHOOK_RETRY_SCHEDULE=1,1,1,1 APP_URL=${baseURL} TIERLINE_DATA_DIR=.data/e2e PGLITE_PORT=${port + 1} ACRONIS_SIM_PORT=${port + 2} PORT=${port} npm start`,
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
  },
});
