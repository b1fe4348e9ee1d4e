/**
 * Storefront benchmark (issue 13, item 9): requests per second of the storefront's `/` and `/signup` in
 * production mode, next to a static asset served by the same server, and their ratio to it (the goal: `/` at
 * ≥ 50 % of the static asset's throughput).
 *
 *   npm run build                      once: the bench serves the existing production build (.next)
 *   npm run bench:storefront -- [--connections 20] [--duration 10] [--warmup 3]
 *                               [--static /_next/static/…]   the static asset (default: the page's stylesheet)
 *                               [--path /terms …]            more paths to measure (repeatable)
 *                               [--keep]                     keep the temporary data directory
 *
 * It starts the app as `npm start` does (scripts/run.ts start: embedded PGlite in a temporary data directory,
 * migrated and seeded with the demo, the built-in Acronis simulator, the worker, and the web server
 * scripts/next-server.mjs) on free ports, waits for /api/health, warms every target up for `--warmup`
 * seconds, then loads each target in turn with autocannon (in this process: `--connections` keep-alive
 * connections for `--duration` seconds, no pipelining) and prints requests/s, p50/p95 latency (of every
 * response), bytes per response, how the storefront cache answered (x-storefront-cache), and the peak RSS of
 * the web server process during that target. Client and server share the machine's cores.
 *
 * Exits non-zero on errors only (a failed start, a non-2xx answer, a socket error or timeout), never on speed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const { values: args } = parseArgs({
  options: {
    connections: { type: "string", default: "20" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    static: { type: "string" },
    path: { type: "string", multiple: true, default: [] },
    keep: { type: "boolean", default: false },
  },
});
const CONNECTIONS = Number(args.connections);
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const READY_TIMEOUT_MS = 180_000;

const root = process.cwd();
const buildId = path.join(root, ".next", "BUILD_ID");
if (!fs.existsSync(buildId)) {
  console.error("No production build (.next/BUILD_ID): run `npm run build` first, then this bench.");
  process.exit(2);
}
warnIfStale();

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tierline-bench-storefront-"));
const logFile = path.join(dataDir, "server.log");
const [port, pglitePort] = [await freePort(), await freePort()];
const origin = `http://127.0.0.1:${port}`;
console.log(
  `bench:storefront — ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "cpu"}, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(0)} GB, node ${process.version}, ${new Date().toISOString()}`,
);
console.log(
  `server: production build ${fs.readFileSync(buildId, "utf8").trim()} on ${origin}, data in ${dataDir}`,
);

/** The web server's pid (found once, see webServerRss). */
let webPid: number | null = null;
const server = startServer();
// Whatever happens to this process, the server group it started goes with it.
process.on("exit", () => {
  if (server.pid !== undefined && server.exitCode === null)
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {
      // already gone
    }
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(130));
let failed = false;
try {
  await waitForHealth();
  const targets = await chooseTargets();
  console.log(
    `\nwarm-up ${WARMUP} s per target, then ${CONNECTIONS} connections × ${DURATION} s per target (autocannon)\n`,
  );
  for (const target of targets) await load(target.path, WARMUP, null);
  const results: Result[] = [];
  for (const target of targets) {
    const result = await load(target.path, DURATION, target);
    results.push(result);
    if (result.errors > 0) failed = true;
  }
  report(results);
} catch (error) {
  failed = true;
  console.error(`\nbench failed: ${error instanceof Error ? error.message : String(error)}`);
  console.error(`server log (last lines of ${logFile}):\n${tail(logFile, 30)}`);
} finally {
  await stopServer();
  if (!args.keep) fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

// ————————————————————————————————————————————————————————————————— targets

type Target = { label: string; path: string; bytes: number; cache: string };
type Result = Target & {
  rps: number;
  p50: number;
  p95: number;
  responses: number;
  errors: number;
  peakRss: number;
};

async function chooseTargets(): Promise<Target[]> {
  const home = await get("/");
  const stylesheet = /href="(\/_next\/static\/[^"]+\.css)"/.exec(home.body)?.[1];
  const staticPath = args.static ?? stylesheet ?? "/favicon.svg";
  const wanted: { label: string; path: string }[] = [
    { label: "static asset", path: staticPath },
    { label: "/", path: "/" },
    { label: "/signup", path: "/signup" },
  ];
  if (!home.cache) {
    // proxy.ts does not send `/` to the storefront cache yet: measure the cache's own route too.
    console.log(
      "note: `/` is rendered per request (no x-storefront-cache header); also measuring the cache route directly",
    );
    wanted.push(
      { label: "/ from cache (direct)", path: "/storefront-cached/home" },
      { label: "/signup from cache (direct)", path: "/storefront-cached/signup" },
    );
  }
  for (const p of args.path ?? []) wanted.push({ label: p, path: p });
  const targets: Target[] = [];
  for (const w of wanted) {
    const res = await get(w.path);
    if (res.status !== 200) throw new Error(`GET ${w.path} answered ${res.status}`);
    targets.push({ ...w, bytes: res.bytes, cache: res.cache ?? "—" });
  }
  return targets;
}

async function get(
  p: string,
): Promise<{ status: number; body: string; bytes: number; cache: string | null }> {
  const res = await fetch(new URL(p, origin), { headers: { "accept-encoding": "identity" } });
  const buffer = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    body: buffer.toString("utf8"),
    bytes: buffer.length,
    cache: res.headers.get("x-storefront-cache"),
  };
}

// ————————————————————————————————————————————————————————————————— load

async function load(p: string, seconds: number, target: Target | null): Promise<Result> {
  const times: number[] = [];
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, webServerRss());
  }, 100);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: new URL(p, origin).toString(),
        connections: CONNECTIONS,
        duration: seconds,
        pipelining: 1,
        timeout: 10,
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    // Every response's latency (autocannon's own summary has p50 and p97.5, not p95).
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
    });
  });
  clearInterval(sampler);
  peakRss = Math.max(peakRss, webServerRss());
  const errors = result.errors + result.timeouts + result.non2xx;
  if (target && errors > 0)
    console.error(
      `${target.label}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers`,
    );
  times.sort((a, b) => a - b);
  return {
    ...(target ?? { label: p, path: p, bytes: 0, cache: "" }),
    rps: result.requests.total / result.duration,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    responses: result.requests.total,
    errors,
    peakRss,
  };
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

function report(results: Result[]) {
  const staticRps = results[0]?.rps ?? Number.NaN;
  const rows = results.map((r) => [
    r.label,
    r.path.length > 48 ? `${r.path.slice(0, 45)}…` : r.path,
    `${(r.bytes / 1024).toFixed(1)} KB`,
    r.cache,
    r.rps.toFixed(0),
    `${r.p50.toFixed(1)} ms`,
    `${r.p95.toFixed(1)} ms`,
    `${((100 * r.rps) / staticRps).toFixed(0)} %`,
    `${(r.peakRss / 2 ** 20).toFixed(0)} MB`,
    r.errors > 0 ? `${r.errors} errors` : "",
  ]);
  const head = ["target", "path", "size", "cache", "req/s", "p50", "p95", "vs static", "web peak RSS", ""];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log("");
  for (const r of results.slice(1))
    console.log(
      `${r.label}: ${r.rps.toFixed(0)} req/s = ${((100 * r.rps) / staticRps).toFixed(1)} % of the static asset's ` +
        `${staticRps.toFixed(0)} req/s${r.path === "/" ? " (goal ≥ 50 %)" : ""}`,
    );
}

// ————————————————————————————————————————————————————————————————— server

function startServer(): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TIERLINE_DEMO: "1",
    TIERLINE_DATA_DIR: dataDir,
    PGLITE_PORT: String(pglitePort),
    ACRONIS_SIM_PORT: "0",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    APP_URL: origin,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // The embedded database and simulator: none of a developer's own.
  for (const name of ["DATABASE_URL", "TIERLINE_ROLE", "ACRONIS_BASE_URL", "NODE_ENV"]) delete env[name];
  const out = fs.openSync(logFile, "a");
  // Its own process group, so the launcher, the web server and the worker stop together.
  return spawn(
    process.execPath,
    [
      path.join(root, "node_modules/tsx/dist/cli.mjs"),
      "--conditions=react-server",
      "scripts/run.ts",
      "start",
    ],
    { cwd: root, env, stdio: ["ignore", out, out], detached: true },
  );
}

async function waitForHealth() {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const started = Date.now();
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      const res = await fetch(new URL("/api/health", origin));
      if (res.status === 200) {
        console.log(`ready after ${((Date.now() - started) / 1000).toFixed(1)} s (migrations, demo seed)`);
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no healthy answer from ${origin}/api/health within ${READY_TIMEOUT_MS / 1000} s`);
}

async function stopServer() {
  const pid = server.pid;
  if (pid === undefined || server.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
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
}

/** The web server (scripts/next-server.mjs) in the process group this bench started, found once via /proc. */
function findWebServer(): number | null {
  if (server.pid === undefined || process.platform !== "linux") return null;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The fifth field (the third after the parenthesised name) is the process group.
      const pgid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (
        pgid === server.pid &&
        fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("next-server.mjs")
      )
        return Number(entry);
    } catch {
      // exited meanwhile
    }
  }
  return null;
}

function webServerRss(): number {
  webPid ??= findWebServer();
  if (webPid === null) return 0;
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${webPid}/status`, "utf8"))?.[1];
    return Number(kb ?? 0) * 1024;
  } catch {
    return 0;
  }
}

function freePort(): Promise<number> {
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

/** A build older than the sources it was made from measures old code: say so (the figures still print). */
function warnIfStale() {
  const built = fs.statSync(buildId).mtimeMs;
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

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
