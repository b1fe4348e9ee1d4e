import { randomBytes, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { type Simulator, startSimulator } from "@/lib/acronis-sim";
import { systemActor } from "@/lib/audit";
import { contractCallbacks } from "@/lib/contracts/provisioning-hooks";
import { listDatacenters, saveDatacenter, setCountryDatacenter } from "@/lib/datacenters";
import { startBillingRun } from "@/lib/invoices";
import { invoicesOf, linesOf } from "@/lib/invoices/test-support";
import { processProvisioningJob } from "@/lib/provisioning";
import { requestCount, type SimState } from "@/lib/provisioning/test-support";
import { createReseller, createResellerSchema } from "@/lib/resellers";
import { runUsageSync } from "@/lib/usage";
import type { AcronisConfig } from "./config";
import {
  createAcronisDirectory,
  DatacenterUnavailableError,
  datacenterConsoleUrl,
  datacenterForCountry,
  ENV_DATACENTER_ID,
  ensureEnvDatacenter,
} from "./datacenters";

// Issue 14, "Two simulated datacenters: a reseller provisioned in each, each synced and billed from its own."
// Datacenter A is the environment's (ACRONIS_*), B is stored by staff with its secret encrypted, and France
// is mapped to B: a German and a French reseller land in different simulators and are billed from them.

const db = () => globalThis.testDb.db;
const ORDER_DAY = "2026-10-01";
const SYNC_AT = new Date("2026-10-20T08:00:00Z");
const TODAY = "2026-11-24";
const fast = { maxRetries: 1, retryBaseMs: 5, retryMaxMs: 20 };

let simA: Simulator;
let simB: Simulator;
let configA: AcronisConfig;
let datacenterB: string;
const keyBefore = process.env.TIERLINE_SECRETS_KEY;
const directory = () => createAcronisDirectory(db(), { envConfig: () => configA, tuning: fast });
/** One directory for the whole flow, as the worker holds one. */
let worker: ReturnType<typeof directory>;

const state = (sim: Simulator) => sim.control<SimState>("GET", "/state");
const partnersTagged = async (sim: Simulator, tag: string) =>
  (await state(sim)).tenants.filter((t) => t.internal_tag === tag && !t.deleted);

async function createByHand(country: "DE" | "FR") {
  const id = randomUUID().slice(0, 8);
  const input = createResellerSchema.parse({
    name: `${country} Partner ${id}`,
    addressLine1: "1 Main Street",
    city: country === "DE" ? "Berlin" : "Paris",
    postalCode: "10115",
    country,
    taxId: "",
    billingEmail: `billing-${id}@dc.example`,
    billingContacts: "",
    currency: "EUR",
    tier: "T2",
    ownerName: "Olive Owner",
    ownerEmail: `owner-${id}@dc.example`,
    acronisLogin: `dc-${country.toLowerCase()}-${id}`,
  });
  const created = await createReseller(db(), systemActor, input, {
    // The login is checked in the datacenter the reseller will live in.
    checkAcronisLogin: async (login, datacenterId) => (await worker.client(datacenterId)).checkLogin(login),
    appUrl: "https://shop.example",
    today: ORDER_DAY,
  });
  const [reseller] = await db().select().from(s.resellers).where(eq(s.resellers.id, created.resellerId));
  const [job] = await db()
    .select()
    .from(s.provisioningJobs)
    .where(eq(s.provisioningJobs.contractId, created.contractId));
  return { ...created, reseller: reseller!, jobId: job!.id };
}

beforeAll(async () => {
  process.env.TIERLINE_SECRETS_KEY = randomBytes(32).toString("base64");
  await seedDatabase(db(), { demo: false, today: new Date(`${TODAY}T00:00:00Z`) });
  [simA, simB] = await Promise.all([
    startSimulator({ port: 0, dataDir: null }),
    startSimulator({ port: 0, dataDir: null }),
  ]);
  for (const sim of [simA, simB]) await sim.control("POST", "/clock", { now: SYNC_AT.toISOString() });
  configA = { baseUrl: simA.url, clientId: simA.clientId, clientSecret: simA.clientSecret };
  await ensureEnvDatacenter(db(), configA);
  const saved = await saveDatacenter(db(), systemActor, {
    name: "Europe B",
    baseUrl: simB.url,
    clientId: simB.clientId,
    clientSecret: simB.clientSecret,
  });
  datacenterB = saved.id;
  await setCountryDatacenter(db(), systemActor, { country: "FR", datacenterId: datacenterB });
  worker = directory();
});

afterAll(async () => {
  if (keyBefore === undefined) delete process.env.TIERLINE_SECRETS_KEY;
  else process.env.TIERLINE_SECRETS_KEY = keyBefore;
  await Promise.all([simA?.stop(), simB?.stop()]);
});

describe("the second datacenter's secret", () => {
  it("is stored encrypted and never read back: not in the row's text, the list or the audit log", async () => {
    const [row] = await db()
      .select()
      .from(s.acronisDatacenters)
      .where(eq(s.acronisDatacenters.id, datacenterB));
    expect(row!.clientSecretEnc).toMatch(/^v1:/);
    expect(row!.clientSecretEnc).not.toContain(simB.clientSecret);
    const listed = (await listDatacenters(db())).find((d) => d.id === datacenterB)!;
    expect(listed).toMatchObject({ name: "Europe B", baseUrl: simB.url, hasSecret: true });
    expect(JSON.stringify(listed)).not.toContain(simB.clientSecret);
    expect(JSON.stringify(listed)).not.toContain(row!.clientSecretEnc);
    const audit = await db().select().from(s.auditLog).where(eq(s.auditLog.entityId, datacenterB));
    expect(audit.map((a) => a.action)).toContain("datacenter.created");
    expect(JSON.stringify(audit)).not.toContain(simB.clientSecret);
  });

  it("the environment's row shows ACRONIS_BASE_URL and the client id, never a secret", async () => {
    const env = (await listDatacenters(db())).find((d) => d.id === ENV_DATACENTER_ID)!;
    expect(env).toMatchObject({ fromEnv: true, isDefault: true, baseUrl: simA.url, clientId: simA.clientId });
    expect(env.hasSecret).toBe(false);
  });
});

describe("two datacenters", () => {
  let german: Awaited<ReturnType<typeof createByHand>>;
  let french: Awaited<ReturnType<typeof createByHand>>;

  it("provisions a reseller from each country in its own datacenter", async () => {
    expect(await datacenterForCountry(db(), "FR")).toBe(datacenterB);
    expect(await datacenterForCountry(db(), "DE")).toBe(ENV_DATACENTER_ID);
    german = await createByHand("DE");
    french = await createByHand("FR");
    expect(german.reseller.datacenterId).toBe(ENV_DATACENTER_ID);
    expect(french.reseller.datacenterId).toBe(datacenterB);
    // Each login was checked in its own datacenter.
    expect(await requestCount(simB, "GET", /\/users\/check_login/)).toBe(1);
    expect(await requestCount(simA, "GET", /\/users\/check_login/)).toBe(1);

    for (const r of [german, french]) {
      const outcome = await processProvisioningJob(db(), worker, r.jobId, contractCallbacks);
      expect(outcome.status).toBe("succeeded");
    }
    const [inA, inB] = [
      await partnersTagged(simA, german.reseller.internalTag),
      await partnersTagged(simB, french.reseller.internalTag),
    ];
    expect(inA).toHaveLength(1);
    expect(inB).toHaveLength(1);
    expect(await partnersTagged(simB, german.reseller.internalTag)).toEqual([]);
    expect(await partnersTagged(simA, french.reseller.internalTag)).toEqual([]);
    // The French partner sits under the API client's tenant of B, with its admin user there.
    expect(inB[0]!.parent_id).toBe(simB.rootTenantId);
    expect((await state(simB)).users.filter((u) => u.tenant_id === inB[0]!.id)).toHaveLength(1);
    const contracts = await db()
      .select({ state: s.contracts.state })
      .from(s.contracts)
      .where(eq(s.contracts.id, french.contractId));
    expect(contracts[0]!.state).toBe("active");
    // The French reseller's setup page links to B's console.
    expect(await datacenterConsoleUrl(db(), french.reseller.datacenterId)).toBe(`${simB.url}/`);
    expect(await datacenterConsoleUrl(db(), german.reseller.datacenterId)).toBe(`${simA.url}/`);
  });

  it("syncs each reseller's customers from its own datacenter and bills each from its own usage", async () => {
    const tenantOf = async (resellerId: string) =>
      (await db().select().from(s.resellers).where(eq(s.resellers.id, resellerId)))[0]!.acronisTenantId!;
    const tenantA = await tenantOf(german.resellerId);
    const tenantB = await tenantOf(french.resellerId);
    const customer = async (sim: Simulator, parent: string, name: string, workstations: number) => {
      const tenant = await sim.control<{ id: string }>("POST", "/tenants", {
        parent_id: parent,
        name,
        kind: "customer",
        usage_since: ORDER_DAY,
      });
      await sim.control("POST", "/usage", {
        tenant_id: tenant.id,
        usage_name: "pw_base_workstations",
        value: workstations,
      });
      return tenant.id;
    };
    const customerA = await customer(simA, tenantA, "Berliner Kunde GmbH", 7);
    const customerB = await customer(simB, tenantB, "Client Parisien SARL", 11);

    const sync = await runUsageSync(db(), worker, { kind: "manual", now: SYNC_AT });
    expect(sync.errors).toEqual([]);
    expect(sync.status).toBe("succeeded");
    const known = await db().select().from(s.customers);
    expect(known.find((c) => c.acronisTenantId === customerA)?.resellerId).toBe(german.resellerId);
    expect(known.find((c) => c.acronisTenantId === customerB)?.resellerId).toBe(french.resellerId);
    // Each datacenter was asked only about its own partner's tenants.
    const usageCalls = async (sim: Simulator) =>
      (
        await sim.control<{ items: { method: string; path: string; query?: string }[] }>("GET", "/requests")
      ).items.filter((r) => r.method === "GET" && /\/tenants\/usages/.test(r.path));
    expect(JSON.stringify(await usageCalls(simA))).not.toContain(customerB);
    expect(JSON.stringify(await usageCalls(simB))).not.toContain(customerA);

    await startBillingRun(db(), { period: "2026-10", actor: systemActor, today: TODAY });
    const invoices = await invoicesOf(db(), "2026-10");
    const workstationsOf = async (contractId: string) => {
      const invoice = invoices.find((i) => i.contractId === contractId);
      expect(invoice, `invoice of ${contractId}`).toBeDefined();
      const lines = await linesOf(db(), invoice!.id);
      return lines
        .filter((l) => l.skuCode === "pw_base_workstations")
        .map((l) => [l.customerName, l.quantity]);
    };
    expect(await workstationsOf(german.contractId)).toEqual([["Berliner Kunde GmbH", "7.0000"]]);
    expect(await workstationsOf(french.contractId)).toEqual([["Client Parisien SARL", "11.0000"]]);
  });
});

describe("the directory", () => {
  it("keeps one client per datacenter and builds a new one when the datacenter is edited", async () => {
    const dir = directory();
    const b1 = await dir.client(datacenterB);
    expect(await dir.client(datacenterB)).toBe(b1);
    expect(await dir.client(ENV_DATACENTER_ID)).not.toBe(b1);
    expect(b1.baseUrl).toBe(simB.url);
    await saveDatacenter(db(), systemActor, {
      id: datacenterB,
      name: "Europe B",
      baseUrl: simB.url,
      clientId: simB.clientId,
      clientSecret: simB.clientSecret,
    });
    const b2 = await dir.client(datacenterB);
    expect(b2).not.toBe(b1);
    expect((await b2.whoAmI()).tenantId).toBe(simB.rootTenantId);
  });

  it("a wrong or missing key names the datacenter and TIERLINE_SECRETS_KEY, never the secret, and fails its jobs", async () => {
    const right = process.env.TIERLINE_SECRETS_KEY;
    try {
      process.env.TIERLINE_SECRETS_KEY = randomBytes(32).toString("hex");
      const failure = await directory()
        .client(datacenterB)
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(DatacenterUnavailableError);
      expect((failure as Error).message).toMatch(/"Europe B".*TIERLINE_SECRETS_KEY is not the key/);
      expect((failure as Error).message).not.toContain(simB.clientSecret);

      const french = await (async () => {
        process.env.TIERLINE_SECRETS_KEY = right;
        const created = await createByHand("FR");
        process.env.TIERLINE_SECRETS_KEY = randomBytes(32).toString("hex");
        return created;
      })();
      const outcome = await processProvisioningJob(db(), directory(), french.jobId, contractCallbacks);
      expect(outcome.status).toBe("failed");
      const [job] = await db()
        .select()
        .from(s.provisioningJobs)
        .where(eq(s.provisioningJobs.id, french.jobId));
      expect(job!.lastError).toMatch(/Europe B.*TIERLINE_SECRETS_KEY/);
      expect(job!.lastError).not.toContain(simB.clientSecret);
      expect(await partnersTagged(simB, french.reseller.internalTag)).toEqual([]);

      delete process.env.TIERLINE_SECRETS_KEY;
      await expect(directory().client(datacenterB)).rejects.toThrow(
        /"Europe B".*TIERLINE_SECRETS_KEY is not set/,
      );
      // The environment's datacenter needs no key.
      expect((await (await directory().client(ENV_DATACENTER_ID)).whoAmI()).tenantId).toBe(simA.rootTenantId);
      // Adding a datacenter without the key is refused, naming the variable.
      await expect(
        saveDatacenter(db(), systemActor, {
          name: "Nowhere",
          baseUrl: "https://nowhere.example",
          clientId: "client",
          clientSecret: "a-secret-value",
        }),
      ).rejects.toThrow(/TIERLINE_SECRETS_KEY/);
      const [none] = await db()
        .select()
        .from(s.acronisDatacenters)
        .where(and(eq(s.acronisDatacenters.name, "Nowhere")));
      expect(none).toBeUndefined();
    } finally {
      process.env.TIERLINE_SECRETS_KEY = right;
    }
  });
});
