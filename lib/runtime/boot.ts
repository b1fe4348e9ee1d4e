import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { createDb, type Db, setDbHandle } from "@/db/client";
import { runMigrations, withAdvisoryLock } from "@/db/migrate";
import { acronisDatacenters } from "@/db/schema";
import { isDemoDatabase, isSeeded, type SeedLogin, seedDatabase } from "@/db/seed";
import { attachDemoResellersToSimulator } from "@/db/seed/acronis";
import { issueDemoInvoices } from "@/db/seed/invoices";
import { acronisConfigFromEnv, createAcronisClient } from "@/lib/acronis";
import { ensureEnvDatacenter } from "@/lib/acronis/datacenters";
import { type Simulator, startSimulator } from "@/lib/acronis-sim";
import { daysBeforeUtc, monthStartUtc, now } from "@/lib/clock";
import { env, provideEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { generateSecretsKey } from "@/lib/security/secrets";
import { backfillUsageHistory, runUsageSync } from "@/lib/usage";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded-postgres";

export const dataDir = path.resolve(process.cwd(), env().TIERLINE_DATA_DIR ?? ".data");

export type Booted = {
  databaseUrl: string;
  engine: "pglite" | "postgresql";
  acronis: "simulator" | "configured";
  /** Logins created by this start's seed (demo logins, or the first admin's one-time password). */
  logins: SeedLogin[] | null;
  /** The database holds the demo data (TIERLINE_DEMO=1). */
  demo: boolean;
  stop: () => Promise<void>;
};

/** A stable secret for signing sessions when AUTH_SECRET is not configured (kept under .data/). */
export function ensureAuthSecret(): string {
  const configured = env().AUTH_SECRET;
  if (configured) return configured;
  const file = path.join(dataDir, "auth-secret");
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

/**
 * The key of secrets stored in the database (lib/security/secrets.ts): TIERLINE_SECRETS_KEY when set. A demo
 * or `npm run dev` without it gets a key generated once and kept under .data/ (like the AUTH_SECRET fallback),
 * handed to the web and worker processes through the environment. Production without it: undefined, and only
 * the datacenter ACRONIS_* configure can be used (adding another is refused, naming the variable).
 */
export function ensureSecretsKey(options: { generate: boolean }): string | undefined {
  const configured = env().TIERLINE_SECRETS_KEY;
  if (configured) return configured;
  if (!options.generate) return undefined;
  const file = path.join(dataDir, "secrets-key");
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, generateSecretsKey(), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

/**
 * Everything the app needs before Next.js starts: the database (embedded PGlite under .data/ unless
 * DATABASE_URL is set), migrations, and the seed on an empty database. Every instance runs this on start;
 * migrations and the seed each run under an advisory lock, so instances starting together apply them once.
 */
export async function bootInfrastructure(options: { pglitePort?: number } = {}): Promise<Booted> {
  let embedded: EmbeddedPostgres | null = null;
  let databaseUrl = env().DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "pglite"),
      port: options.pglitePort ?? env().PGLITE_PORT ?? 54329,
    });
    databaseUrl = embedded.url;
    provideEnv({ DATABASE_URL: databaseUrl, TIERLINE_DB_ENGINE: "pglite" });
  }
  // Without ACRONIS_BASE_URL the built-in simulator stands in for the datacenter, state under .data/.
  let sim: Simulator | null = null;
  if (!env().ACRONIS_BASE_URL) {
    sim = await startSimulator({
      port: env().ACRONIS_SIM_PORT ?? 0,
      dataDir: path.join(dataDir, "acronis-sim"),
    });
    provideEnv({
      ACRONIS_BASE_URL: sim.url,
      ACRONIS_CLIENT_ID: sim.clientId,
      ACRONIS_CLIENT_SECRET: sim.clientSecret,
      TIERLINE_ACRONIS: "simulator",
    });
  }
  const handle = createDb(databaseUrl, { max: 4 });
  await setDbHandle(handle);
  await runMigrations(handle.db);
  // The environment's datacenter row shows ACRONIS_BASE_URL and the client id (the simulator's port changes).
  await ensureEnvDatacenter(handle.db);
  const unreadable = env().TIERLINE_SECRETS_KEY ? [] : await storedDatacenterNames(handle.db);
  if (unreadable.length > 0)
    log.warn(
      { datacenters: unreadable },
      "[tierline] TIERLINE_SECRETS_KEY is not set: the stored datacenters' secrets cannot be read, so their resellers' jobs and syncs fail until it is",
    );
  const demo = env().TIERLINE_DEMO;
  // One instance seeds an empty database (and attaches the demo to the simulator); the others wait, then
  // find it seeded.
  const seeded = await withAdvisoryLock(handle.db, "seed", async () => {
    if (await isSeeded(handle.db))
      return { logins: null, refusal: await demoDatabaseRefusal(handle.db, demo) };
    const created = await seedDatabase(handle.db, {
      demo,
      demoUsage: !sim,
      adminEmail: env().ADMIN_EMAIL ?? "admin@localhost",
    });
    if (sim && demo) {
      // The demo resellers live in the simulator; their usage history arrives the way real usage does.
      await attachDemoResellersToSimulator(handle.db, sim);
      await loadDemoUsageFromAcronis(handle.db);
    }
    // Their past months billed and issued, once the usage is in (generated by the seed or synced above).
    if (demo) await issueDemoInvoices(handle.db, now());
    return { logins: created, refusal: null };
  });
  if (seeded.refusal) {
    await handle.sql.end({ timeout: 2 });
    if (sim) await sim.stop();
    if (embedded) await embedded.stop();
    throw new Error(seeded.refusal);
  }
  const logins: SeedLogin[] | null = seeded.logins;
  return {
    databaseUrl,
    engine: embedded ? "pglite" : "postgresql",
    acronis: sim ? "simulator" : "configured",
    logins,
    demo,
    stop: async () => {
      await handle.sql.end({ timeout: 2 });
      await setDbHandle(undefined);
      if (sim) await sim.stop();
      if (embedded) await embedded.stop();
    },
  };
}

/** Datacenters added by staff (their secrets need TIERLINE_SECRETS_KEY). */
async function storedDatacenterNames(db: Db): Promise<string[]> {
  const rows = await db
    .select({ name: acronisDatacenters.name })
    .from(acronisDatacenters)
    .where(eq(acronisDatacenters.fromEnv, false));
  return rows.map((r) => r.name);
}

/** Why a seeded database must not start in this mode (a demo database outside demo mode), or null. */
export async function demoDatabaseRefusal(db: Db, demo: boolean): Promise<string | null> {
  if (demo || !(await isDemoDatabase(db))) return null;
  return "This database holds the demo data, whose passwords are public. Start it with TIERLINE_DEMO=1 (a demo), or point DATABASE_URL at an empty database for a real install.";
}

async function loadDemoUsageFromAcronis(db: Db): Promise<void> {
  const acronis = createAcronisClient(acronisConfigFromEnv());
  const at = now();
  const from = monthStartUtc(at, -6);
  await backfillUsageHistory(db, acronis, { from, to: daysBeforeUtc(at, 1) });
  await runUsageSync(db, acronis, { kind: "manual", now: at });
}

/** The demo's API keys and a request to try one with (printed with the demo logins). */
export function formatDemoApiKeys(
  keys: { name: string; key: string; scopes: string[] }[],
  baseUrl: string,
): string {
  const first = keys[0];
  return [
    `Demo API keys (reference at ${baseUrl}/docs/api):`,
    ...keys.map((k) => `  ${k.key.padEnd(34)} ${k.scopes.join("+").padEnd(11)} ${k.name}`),
    ...(first
      ? [`  try: curl -H "Authorization: Bearer ${first.key}" ${baseUrl}/api/v1/invoices?limit=2`]
      : []),
    "",
  ].join("\n");
}

export function formatLogins(logins: SeedLogin[], baseUrl: string, title = "Demo logins"): string {
  const rows = logins.map(
    (l) =>
      `  ${l.area.padEnd(7)} ${l.role.padEnd(8)} ${l.email.padEnd(28)} ${l.password.padEnd(22)} ${l.company}`,
  );
  return [
    "",
    `${title} (sign in at ${baseUrl}/login):`,
    `  ${"area".padEnd(7)} ${"role".padEnd(8)} ${"email".padEnd(28)} ${"password".padEnd(22)} company`,
    ...rows,
    "",
  ].join("\n");
}
