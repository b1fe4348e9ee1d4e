/**
 * The production server as the HTTP benchmarks run it (bench:storefront, bench:lists --http): the existing
 * build (.next), started as `npm start` starts it (scripts/run.ts start) in its own process group, waited for
 * on /api/health, its web process's memory read from /proc, and stopped with everything it started.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

const root = process.cwd();
const READY_TIMEOUT_MS = 180_000;

/** The production build's id, or an exit with a hint when there is none. Warns when sources are newer. */
export function requireBuild(): string {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) {
    console.error("No production build (.next/BUILD_ID): run `npm run build` first, then this bench.");
    process.exit(2);
  }
  warnIfStale(fs.statSync(buildId).mtimeMs);
  return fs.readFileSync(buildId, "utf8").trim();
}

/** A build older than the sources it was made from measures old code: say so (the figures still print). */
function warnIfStale(built: number) {
  let newest = { file: "", at: 0 };
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(tsx?|css|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const at = fs.statSync(full).mtimeMs;
        if (at > newest.at) newest = { file: full, at };
      }
    }
  };
  for (const dir of ["app", "components", "lib", "db"]) if (fs.existsSync(dir)) walk(path.join(root, dir));
  for (const file of ["next.config.ts", "proxy.ts"]) {
    const at = fs.statSync(path.join(root, file)).mtimeMs;
    if (at > newest.at) newest = { file: path.join(root, file), at };
  }
  if (newest.at > built)
    console.warn(
      `warning: ${path.relative(root, newest.file)} changed after the build: run \`npm run build\` to measure it`,
    );
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const p = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(p));
    });
  });
}

export type BenchServer = {
  origin: string;
  process: ChildProcess;
  waitForHealth: () => Promise<void>;
  /** The web server process's resident memory now, and its peak so far (VmHWM), in bytes. */
  webRss: () => { now: number; peak: number };
  stop: () => Promise<void>;
  logTail: (lines: number) => string;
};

/**
 * Starts `scripts/run.ts start` with `env` (over this process's environment; `unset` names are removed) on
 * `port`, logging to `logFile`. Its own process group, so the launcher, the web server and any worker stop
 * together, also when this process exits for any reason.
 */
export function startServer(options: {
  port: number;
  env: Record<string, string>;
  unset?: string[];
  logFile: string;
}): BenchServer {
  const origin = `http://127.0.0.1:${options.port}`;
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(options.port),
    HOSTNAME: "127.0.0.1",
    APP_URL: origin,
    NEXT_TELEMETRY_DISABLED: "1",
    ...options.env,
  };
  for (const name of options.unset ?? []) delete env[name];
  const out = fs.openSync(options.logFile, "a");
  const child = spawn(
    process.execPath,
    [
      path.join(root, "node_modules/tsx/dist/cli.mjs"),
      "--conditions=react-server",
      "scripts/run.ts",
      "start",
    ],
    { cwd: root, env: env as NodeJS.ProcessEnv, stdio: ["ignore", out, out], detached: true },
  );
  process.on("exit", () => {
    if (child.pid !== undefined && child.exitCode === null)
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
  });
  let webPid: number | null = null;

  const findWebServer = (): number | null => {
    if (child.pid === undefined || process.platform !== "linux") return null;
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
        // The fifth field (the third after the parenthesised name) is the process group.
        const pgid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
        if (
          pgid === child.pid &&
          fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("next-server.mjs")
        )
          return Number(entry);
      } catch {
        // exited meanwhile
      }
    }
    return null;
  };

  return {
    origin,
    process: child,
    async waitForHealth() {
      const deadline = Date.now() + READY_TIMEOUT_MS;
      const started = Date.now();
      while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
        try {
          const res = await fetch(new URL("/api/health", origin));
          if (res.status === 200) {
            console.log(`server ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);
            return;
          }
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error(`no healthy answer from ${origin}/api/health within ${READY_TIMEOUT_MS / 1000} s`);
    },
    webRss() {
      webPid ??= findWebServer();
      if (webPid === null) return { now: 0, peak: 0 };
      try {
        const status = fs.readFileSync(`/proc/${webPid}/status`, "utf8");
        const kb = (field: string) =>
          Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
        return { now: kb("VmRSS"), peak: kb("VmHWM") };
      } catch {
        return { now: 0, peak: 0 };
      }
    },
    async stop() {
      const pid = child.pid;
      if (pid === undefined || child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      const signal = (sig: NodeJS.Signals) => {
        try {
          process.kill(-pid, sig); // the group this bench started
        } catch {
          // already gone
        }
      };
      signal("SIGTERM");
      const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 15_000));
      if ((await Promise.race([exited, timeout])) === "timeout") signal("SIGKILL");
    },
    logTail(lines) {
      try {
        return fs.readFileSync(options.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
      } catch {
        return "(no log)";
      }
    },
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;
}
