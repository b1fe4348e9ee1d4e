import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as s from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";

// A reseller of the spec's own, written straight into the e2e server's database the way db/seed writes the
// demo resellers (active contract, users, customers, Acronis tenant set: provisioning done), so a spec that
// changes a reseller never changes the shared demo ones (Northwind, Kopernikus, Thames, Wattle) other specs
// read.
// playwright.config.ts puts the embedded PGlite on E2E_PORT + 1 and the built-in Acronis simulator on
// E2E_PORT + 2.

const port = Number(process.env.E2E_PORT ?? 3100);
const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${port + 1}/postgres?sslmode=disable`;
const simulatorUrl = `http://127.0.0.1:${port + 2}`;

export const PASSWORD = "e2e-Passw0rd-2026";

type Role = "owner" | "billing" | "viewer";

export type ResellerSpec = {
  /** Shown name, made unique with a suffix: "Suspend Test" → "Suspend Test 7k2f9q". */
  name: string;
  currency?: "USD" | "EUR" | "GBP";
  tier?: string;
  country?: string;
  taxRatePercent?: string;
  roles?: Role[];
  customers?: string[];
  /** Paid since the 1st of this many months ago (0: this month, so no closed month bills it). */
  paidMonthsAgo?: number;
  /** Daily usage of every customer for each closed month since the paid start. */
  withUsage?: boolean;
};

export type TestReseller = {
  id: string;
  name: string;
  logins: Record<Role, { email: string; password: string }>;
  customers: string[];
  /** The customers' tenants in the simulator. */
  tenants: { name: string; id: string }[];
};

/** Sets a customer tenant's usage in the simulator from today on (its control API), as Acronis would report it. */
export async function setSimulatorUsage(tenantId: string, usageName: string, value: number): Promise<void> {
  await simulator("POST", "/usage", { tenant_id: tenantId, usage_name: usageName, value });
}

export async function createReseller(spec: ResellerSpec): Promise<TestReseller> {
  const suffix = randomBytes(4).toString("hex");
  const tag = `e2e-${suffix}`;
  const name = `${spec.name} ${suffix}`;
  const currency = spec.currency ?? "USD";
  const roles = spec.roles ?? ["owner"];
  const customerNames = (spec.customers ?? ["Alder Dental", "Birch Legal"]).map((c) => `${c} ${suffix}`);
  const today = new Date();
  const paidStart = monthStart(today, spec.paidMonthsAgo ?? 0);

  // Tenants in the built-in simulator first, as provisioning would have left them: a partner tenant tagged
  // with the reseller's internal tag, a customer tenant per customer.
  const root = (await simulator("GET", "/state")) as { root_tenant_id: string };
  const partner = (await simulator("POST", "/tenants", {
    parent_id: root.root_tenant_id,
    name,
    kind: "partner",
    internal_tag: tag,
  })) as { id: string };
  const tenants: { name: string; id: string }[] = [];
  for (const customer of customerNames) {
    const tenant = (await simulator("POST", "/tenants", {
      parent_id: partner.id,
      name: customer,
      kind: "customer",
      internal_tag: `${tag}:${customer}`,
      usage_since: paidStart,
    })) as { id: string };
    tenants.push({ name: customer, id: tenant.id });
  }

  const logins = Object.fromEntries(
    roles.map((role) => [role, { email: `${role}@${tag}.example`, password: PASSWORD }]),
  ) as TestReseller["logins"];
  const passwordHash = await hashPassword(PASSWORD);

  const sql = postgres(databaseUrl, { max: 1, prepare: false, onnotice: () => {} });
  try {
    const db = drizzle(sql, { schema: s });
    const id = await db.transaction(async (tx) => {
      const [tier] = await tx
        .select()
        .from(s.tiers)
        .where(eq(s.tiers.code, spec.tier ?? "T2"));
      if (!tier) throw new Error(`e2e: no tier ${spec.tier}`);
      const [reseller] = await tx
        .insert(s.resellers)
        .values({
          name,
          legalName: `${name} Ltd`,
          addressLine1: "1 Test Street",
          city: "Testville",
          postalCode: "12345",
          country: spec.country ?? "US",
          taxId: `TEST-${suffix}`,
          taxRatePercent: spec.taxRatePercent ?? "0",
          currency,
          billingEmail: logins[roles[0]!].email,
          status: "active",
          internalTag: tag,
          acronisTenantId: partner.id,
          acronisAdminLogin: tag,
          approvedAt: today,
        })
        .returning({ id: s.resellers.id });
      const [contract] = await tx
        .insert(s.contracts)
        .values({
          resellerId: reseller!.id,
          state: "active",
          targetState: "active",
          currency,
          tierId: tier.id,
          paidStart,
        })
        .returning({ id: s.contracts.id });
      await tx
        .insert(s.contractTierHistory)
        .values({ contractId: contract!.id, tierId: tier.id, effectiveFrom: paidStart, kind: "order" });
      await tx
        .insert(s.contractEvents)
        .values({ contractId: contract!.id, fromState: null, toState: "active", event: "seeded" });
      await tx.insert(s.users).values(
        roles.map((role) => ({
          email: logins[role].email,
          name: `${role[0]!.toUpperCase()}${role.slice(1)} ${suffix}`,
          role,
          resellerId: reseller!.id,
          passwordHash,
          emailVerifiedAt: today,
        })),
      );
      const customers = await tx
        .insert(s.customers)
        .values(tenants.map((t) => ({ resellerId: reseller!.id, acronisTenantId: t.id, name: t.name })))
        .returning({ id: s.customers.id });
      if (spec.withUsage) await addUsage(tx, customers, paidStart, monthStart(today, 0));
      return reseller!.id;
    });
    return { id, name, logins, customers: customerNames, tenants };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

type Tx = Parameters<Parameters<ReturnType<typeof drizzle<typeof s>>["transaction"]>[0]>[0];

/** Workstations and storage every day from `from` up to (not including) `to`, a little growth per day. */
async function addUsage(tx: Tx, customers: { id: string }[], from: string, to: string) {
  const skus = await tx
    .select()
    .from(s.skus)
    .where(inArray(s.skus.code, ["pw_base_workstations", "pw_base_storage"]));
  const rows: (typeof s.usageSnapshots.$inferInsert)[] = [];
  for (const [i, customer] of customers.entries()) {
    for (let day = from, n = 0; day < to; day = nextDay(day), n++) {
      for (const sku of skus) {
        const workstations = 10 + 5 * i + Math.floor(n / 10);
        const value = sku.code === "pw_base_storage" ? workstations * 50 * 1_073_741_824 : workstations;
        rows.push({ customerId: customer.id, skuId: sku.id, day, value: String(value) });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500) await tx.insert(s.usageSnapshots).values(rows.slice(i, i + 500));
}

async function simulator(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${simulatorUrl}/__sim${path}`, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch((error: unknown) => {
    throw new Error(
      `e2e: the Acronis simulator does not answer on ${simulatorUrl} (playwright.config.ts starts it there with ACRONIS_SIM_PORT): ${error}`,
    );
  });
  if (!res.ok) throw new Error(`e2e: simulator ${method} ${path} → ${res.status}: ${await res.text()}`);
  return res.json();
}

function monthStart(date: Date, monthsAgo: number): string {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - monthsAgo, 1))
    .toISOString()
    .slice(0, 10);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
