/**
 * `npm run dev` / `npm start`: boots the embedded database (unless DATABASE_URL is set), applies
 * migrations, seeds an empty database, runs the background worker, then starts Tierline's web server
 * (scripts/next-server.mjs: Next.js behind a server that determines each client's address) with the
 * resulting environment.
 *
 * TIERLINE_ROLE=web runs only the web server, TIERLINE_ROLE=worker only the worker: any number of each on
 * one PostgreSQL (DATABASE_URL) and one Acronis (ACRONIS_BASE_URL), web instances sharing AUTH_SECRET. Every
 * instance migrates and seeds on start, under advisory locks (the first does the work).
 *
 * dev: a demo (TIERLINE_DEMO=1 unless TIERLINE_DEMO=0), links to http://localhost:$PORT unless APP_URL says
 * otherwise, demo logins printed on every start.
 * start: production. APP_URL is required; demo data only with TIERLINE_DEMO=1; an empty database gets the
 * catalogue and one distributor admin whose random password is printed on that first start only.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { demoApiKeys } from "../db/seed/demo";
import { getSeedLogins } from "../db/seed/logins";
import { env } from "../lib/env";
import { log } from "../lib/log";
import {
  bootInfrastructure,
  dataDir,
  ensureAuthSecret,
  ensureSecretsKey,
  formatDemoApiKeys,
  formatLogins,
} from "../lib/runtime/boot";
import { startWorker } from "../lib/runtime/worker";

const mode = process.argv[2] === "start" ? "start" : "dev";

function fail(message: string): never {
  log.fatal(`[tierline] ${message}`);
  process.exit(1);
}

/** Why this role cannot start with this environment, or null. */
function roleRefusal(role: "web" | "worker"): string | null {
  const settings = env();
  if (!settings.DATABASE_URL)
    return `TIERLINE_ROLE=${role} needs DATABASE_URL: instances share one PostgreSQL (the embedded database belongs to one process; leave TIERLINE_ROLE unset to run web and worker together on it).`;
  if (!settings.ACRONIS_BASE_URL)
    return `TIERLINE_ROLE=${role} needs ACRONIS_BASE_URL (with ACRONIS_CLIENT_ID and ACRONIS_CLIENT_SECRET): the built-in simulator keeps its state in one process (run it apart with \`npm run acronis:sim\` for a trial).`;
  if (role === "web" && !settings.AUTH_SECRET)
    return "TIERLINE_ROLE=web needs AUTH_SECRET, the same on every web instance: a session signed by one must be valid on the others.";
  return null;
}

async function main() {
  const role = env().TIERLINE_ROLE;
  const runsWeb = role !== "worker";
  const runsWorker = role !== "web";
  if (role !== "all") {
    const refusal = roleRefusal(role);
    if (refusal) fail(refusal);
  }
  const port = String(env().PORT ?? 3000);
  if (mode === "dev") {
    process.env.TIERLINE_DEMO ??= "1";
    process.env.APP_URL ??= `http://localhost:${port}`;
  } else if (!env().APP_URL) {
    fail(
      "APP_URL is not set. Set it to the public URL people open Tierline at (e.g. APP_URL=https://portal.example.com): every emailed link (password reset, email confirmation) is built from it, never from request headers.",
    );
  }
  const settings = env();
  const baseUrl = settings.APP_URL!;
  if (runsWeb) process.env.AUTH_SECRET = ensureAuthSecret();
  // Both processes (the worker here, the web server below) decrypt stored datacenter secrets with one key.
  const secretsKey = ensureSecretsKey({ generate: mode === "dev" || settings.TIERLINE_DEMO });
  if (secretsKey) process.env.TIERLINE_SECRETS_KEY = secretsKey;
  process.env.AUTH_TRUST_HOST ??= "true";
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  const booted = await bootInfrastructure();
  log.info(
    `[tierline] database: ${booted.engine}${booted.engine === "pglite" ? ` (embedded, ${path.relative(process.cwd(), dataDir)}/pglite)` : ""}`,
  );
  log.info(
    `[tierline] acronis: ${booted.acronis === "simulator" ? `built-in simulator at ${env().ACRONIS_BASE_URL}` : env().ACRONIS_BASE_URL}`,
  );
  log.info(`[tierline] ${booted.demo ? "demo mode (TIERLINE_DEMO=1)" : "production data (no demo)"}`);
  log.info(
    `[tierline] secrets key: ${env().TIERLINE_SECRETS_KEY ? (settings.TIERLINE_SECRETS_KEY ? "TIERLINE_SECRETS_KEY" : `generated, ${path.relative(process.cwd(), dataDir)}/secrets-key`) : "none (TIERLINE_SECRETS_KEY unset: only the ACRONIS_* datacenter can be used)"}`,
  );
  log.info(`[tierline] role: ${role === "all" ? "web and worker" : role} (TIERLINE_ROLE)`);
  const worker = runsWorker ? await startWorker() : null;

  const nextBin = path.resolve("node_modules/next/dist/bin/next");
  if (runsWeb && mode === "start" && !fs.existsSync(path.resolve(".next/BUILD_ID"))) {
    log.info("[tierline] no production build found: running `next build` first");
    await new Promise<void>((resolve, reject) => {
      const b = spawn(process.execPath, [nextBin, "build"], { stdio: "inherit", env: process.env });
      b.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited ${code}`))));
    });
  }
  const child = runsWeb
    ? spawn(process.execPath, [path.resolve("scripts/next-server.mjs"), mode], {
        stdio: "inherit",
        env: { ...process.env, PORT: port, NODE_ENV: mode === "dev" ? "development" : "production" },
      })
    : null;
  if (booted.logins && booted.logins.length > 0) {
    // A fresh database: its logins, once. Without the demo that is the first admin's random password.
    console.log(
      formatLogins(
        booted.logins,
        baseUrl,
        booted.demo ? "Demo logins" : "The distributor admin (this password is shown only now — keep it)",
      ),
    );
  } else if (booted.demo) {
    // Demo passwords are public anyway: repeat them on every start.
    console.log(formatLogins(getSeedLogins(), baseUrl));
  }
  if (booted.demo) console.log(formatDemoApiKeys(demoApiKeys, baseUrl));

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    child?.kill("SIGTERM");
    await worker?.stop();
    await booted.stop();
    process.exit(code);
  };
  child?.on("exit", (code) => void shutdown(code ?? 0));
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
}

main().catch((err) => {
  // The error, not its message: a failed seed query's message carries its parameters (password hashes).
  log.fatal({ err }, "[tierline] failed to start");
  process.exit(1);
});
