// Shared by the provisioning and usage integration tests: a simulator, a client on it, DB fixtures.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contracts, provisioningJobs, resellers, tiers } from "@/db/schema";
import { type AcronisClient, createAcronisClient } from "@/lib/acronis";
import { type Simulator, startSimulator } from "@/lib/acronis-sim";

export type SimState = {
  tenants: {
    id: string;
    name: string;
    kind: string;
    parent_id: string;
    enabled: boolean;
    pricing_mode: string;
    internal_tag: string | null;
    deleted: boolean;
    settings: Record<string, unknown>;
    enabled_offering_items: string[];
  }[];
  users: { id: string; login: string; tenant_id: string; deleted: boolean; roles: string[] }[];
  activation_emails: unknown[];
};

export async function startTestSimulator(): Promise<{ sim: Simulator; acronis: AcronisClient }> {
  const sim = await startSimulator({ port: 0, dataDir: null });
  const acronis = createAcronisClient({
    baseUrl: sim.url,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    maxRetries: 1,
    retryBaseMs: 5,
    retryMaxMs: 20,
  });
  return { sim, acronis };
}

export const simState = (sim: Simulator) => sim.control<SimState>("GET", "/state");

export async function requestCount(sim: Simulator, method: string, pathPattern: RegExp): Promise<number> {
  const log = await sim.control<{ items: { method: string; path: string; status: number }[] }>(
    "GET",
    "/requests",
  );
  return log.items.filter((r) => r.method === method && pathPattern.test(r.path) && r.status < 400).length;
}

/** A new reseller with a pending contract on `tierCode`. */
export async function createResellerWithContract(
  db: Db,
  opts: { tierCode?: string; trial?: boolean } = {},
): Promise<{ resellerId: string; contractId: string; tag: string; tierLevel: number }> {
  const tag = `test-${randomBytes(4).toString("hex")}`;
  const [tier] = await db
    .select()
    .from(tiers)
    .where(eq(tiers.code, opts.tierCode ?? "T2"));
  const [reseller] = await db
    .insert(resellers)
    .values({
      name: `Reseller ${tag}`,
      legalName: `Reseller ${tag} Ltd`,
      addressLine1: "1 Test Street",
      city: "Testville",
      postalCode: "12345",
      country: "GB",
      currency: "EUR",
      billingEmail: `${tag}@example.test`,
      internalTag: tag,
      acronisAdminLogin: `${tag}-admin`,
      status: "active",
    })
    .returning();
  const [contract] = await db
    .insert(contracts)
    .values({
      resellerId: reseller!.id,
      currency: "EUR",
      tierId: tier!.id,
      isTrial: opts.trial ?? false,
      targetState: opts.trial ? "trial" : "active",
    })
    .returning();
  return { resellerId: reseller!.id, contractId: contract!.id, tag, tierLevel: tier!.acronisTierLevelValue };
}

export async function insertJob(
  db: Db,
  contractId: string,
  kind: (typeof provisioningJobs.$inferInsert)["kind"],
  params: Record<string, unknown> = {},
): Promise<string> {
  const [row] = await db.insert(provisioningJobs).values({ contractId, kind, params }).returning();
  return row!.id;
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}
