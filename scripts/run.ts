/**
 * `npm run dev` / `npm start`: boots the embedded database (unless DATABASE_URL is set), applies
 * migrations, seeds an empty database, runs the background worker, then starts Next.js with the
 * resulting environment and prints the demo logins.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { getSeedLogins } from "../db/seed/logins";
import { bootInfrastructure, ensureAuthSecret, formatLogins } from "../lib/runtime/boot";
import { startWorker } from "../lib/runtime/worker";

const mode = process.argv[2] === "start" ? "start" : "dev";
const port = process.env.PORT ?? "3000";
const baseUrl = process.env.APP_URL ?? `http://localhost:${port}`;

async function main() {
  process.env.AUTH_SECRET = ensureAuthSecret();
  process.env.AUTH_TRUST_HOST ??= "true";
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  const booted = await bootInfrastructure();
  console.log(
    `[tierline] database: ${booted.engine}${booted.engine === "pglite" ? " (embedded, .data/pglite)" : ""}`,
  );
  console.log(
    `[tierline] acronis: ${booted.acronis === "simulator" ? `built-in simulator at ${process.env.ACRONIS_BASE_URL}` : process.env.ACRONIS_BASE_URL}`,
  );
  const worker = await startWorker();

  const nextBin = path.resolve("node_modules/next/dist/bin/next");
  if (mode === "start" && !fs.existsSync(path.resolve(".next/BUILD_ID"))) {
    console.log("[tierline] no production build found: running `next build` first");
    await new Promise<void>((resolve, reject) => {
      const b = spawn(process.execPath, [nextBin, "build"], { stdio: "inherit", env: process.env });
      b.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited ${code}`))));
    });
  }
  const child = spawn(process.execPath, [nextBin, mode, "--port", port], {
    stdio: "inherit",
    env: process.env,
  });
  console.log(formatLogins(booted.logins ?? getSeedLogins(), baseUrl));

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    child.kill("SIGTERM");
    await worker.stop();
    await booted.stop();
    process.exit(code);
  };
  child.on("exit", (code) => void shutdown(code ?? 0));
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
}

main().catch((err) => {
  console.error("[tierline] failed to start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
