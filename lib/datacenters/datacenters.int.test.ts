import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { ENV_DATACENTER_ID } from "@/lib/acronis/datacenters";
import { type Simulator, startSimulator } from "@/lib/acronis-sim";
import { ACRONIS_INFRA_ID, PARTNER_INFRA_ID } from "@/lib/acronis-sim/catalogue";
import { systemActor } from "@/lib/audit";
import { isAppError } from "@/lib/errors/app-error";
import {
  deleteDatacenter,
  importInfrastructures,
  infrastructureOwnerSchema,
  listCountryMap,
  listDatacenters,
  makeDefaultDatacenter,
  removeCountryDatacenter,
  saveDatacenter,
  saveDatacenterSchema,
  setCountryDatacenter,
  setInfrastructureOwner,
  testDatacenter,
} from "./index";

const db = () => globalThis.testDb.db;
const keyBefore = process.env.TIERLINE_SECRETS_KEY;
let sim: Simulator;

/** The AppError a call throws (its message and field messages are what the admin reads). */
async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

const form = (fields: Record<string, string>) => saveDatacenterSchema.parse(fields);
const rowOf = async (id: string) =>
  (await db().select().from(s.acronisDatacenters).where(eq(s.acronisDatacenters.id, id)))[0]!;

async function addDatacenter(name: string, baseUrl: string, secret = "secret-value-1") {
  return saveDatacenter(
    db(),
    systemActor,
    form({ name, baseUrl, clientId: `${name}-client`, clientSecret: secret }),
  );
}

beforeAll(async () => {
  process.env.TIERLINE_SECRETS_KEY = randomBytes(32).toString("base64");
  await seedDatabase(db(), { demo: false, today: new Date("2026-11-24T00:00:00Z") });
  sim = await startSimulator({ port: 0, dataDir: null });
});
afterAll(async () => {
  if (keyBefore === undefined) delete process.env.TIERLINE_SECRETS_KEY;
  else process.env.TIERLINE_SECRETS_KEY = keyBefore;
  await sim?.stop();
});

describe("the datacenter form", () => {
  it("reads a URL as its origin, dropping /api/2 and a trailing slash, and refuses paths and credentials", () => {
    expect(form({ name: "X", baseUrl: "https://EU2-cloud.acronis.com/api/2/" }).baseUrl).toBe(
      "https://eu2-cloud.acronis.com",
    );
    for (const bad of [
      "ftp://dc.example",
      "https://user:pw@dc.example",
      "https://dc.example/other",
      "dc.example",
    ])
      expect(saveDatacenterSchema.safeParse({ name: "X", baseUrl: bad }).success, bad).toBe(false);
  });

  it("keeps an empty secret field as 'keep the stored one'", () => {
    expect(
      form({ name: "X", baseUrl: "https://dc.example", clientId: "c", clientSecret: "" }).clientSecret,
    ).toBe(undefined);
  });
});

describe("saving a datacenter", () => {
  it("needs a URL, client id and secret to add one, and refuses a name or URL another datacenter has", async () => {
    const missing = await refusal(saveDatacenter(db(), systemActor, form({ name: "Half" })));
    expect(Object.keys(missing.fieldErrors ?? {}).sort()).toEqual(["baseUrl", "clientId", "clientSecret"]);
    await addDatacenter("Asia 1", "https://asia1.example");
    const sameName = await refusal(addDatacenter("Asia 1", "https://asia1b.example"));
    expect(sameName.fieldErrors?.name?.[0]).toMatch(/Another datacenter is called "Asia 1"/);
    const sameUrl = await refusal(addDatacenter("Asia 1b", "https://asia1.example"));
    expect(sameUrl.fieldErrors?.baseUrl?.[0]).toMatch(/Another datacenter has this URL/);
  });

  it("replaces the secret only when one is typed, and asks for it again when the URL changes", async () => {
    const { id } = await addDatacenter("US 1", "https://us1.example", "first-secret");
    const stored = (await rowOf(id)).clientSecretEnc;
    await saveDatacenter(
      db(),
      systemActor,
      form({ id, name: "US One", baseUrl: "https://us1.example", clientId: "c2" }),
    );
    expect(await rowOf(id)).toMatchObject({ name: "US One", clientId: "c2", clientSecretEnc: stored });

    const moved = await refusal(
      saveDatacenter(
        db(),
        systemActor,
        form({ id, name: "US One", baseUrl: "https://evil.example", clientId: "c2" }),
      ),
    );
    expect(moved.fieldErrors?.clientSecret?.[0]).toMatch(/again/);
    expect((await rowOf(id)).baseUrl).toBe("https://us1.example");

    await saveDatacenter(
      db(),
      systemActor,
      form({
        id,
        name: "US One",
        baseUrl: "https://us2.example",
        clientId: "c2",
        clientSecret: "second-secret",
      }),
    );
    const after = await rowOf(id);
    expect(after.baseUrl).toBe("https://us2.example");
    expect(after.clientSecretEnc).not.toBe(stored);
    const audit = await db()
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entityId, id), eq(s.auditLog.action, "datacenter.updated")));
    expect(audit.some((a) => (a.data as { secretReplaced?: boolean }).secretReplaced)).toBe(true);
    expect(JSON.stringify(audit)).not.toMatch(/first-secret|second-secret/);
  });

  it("renames the environment's datacenter but never sets its connection here", async () => {
    await saveDatacenter(db(), systemActor, form({ id: ENV_DATACENTER_ID, name: "Home datacenter" }));
    expect((await rowOf(ENV_DATACENTER_ID)).name).toBe("Home datacenter");
    const refused = await refusal(
      saveDatacenter(
        db(),
        systemActor,
        form({ id: ENV_DATACENTER_ID, name: "Home", baseUrl: "https://x.example" }),
      ),
    );
    expect(refused.fieldErrors?.baseUrl?.[0]).toMatch(/ACRONIS_\*/);
  });
});

describe("default, delete and the country map", () => {
  it("moves the default, maps and unmaps countries, and deletes only an unused, non-default, stored datacenter", async () => {
    const { id } = await addDatacenter("Africa 1", "https://africa1.example");
    await makeDefaultDatacenter(db(), systemActor, id);
    const listed = await listDatacenters(db());
    expect(listed.filter((d) => d.isDefault).map((d) => d.id)).toEqual([id]);

    const envRefusal = await refusal(deleteDatacenter(db(), systemActor, ENV_DATACENTER_ID));
    expect(envRefusal.message).toMatch(/ACRONIS_\* .*cannot be deleted/);
    expect((await refusal(deleteDatacenter(db(), systemActor, id))).message).toMatch(/default datacenter/);
    await makeDefaultDatacenter(db(), systemActor, ENV_DATACENTER_ID);

    await setCountryDatacenter(db(), systemActor, { country: "ZA", datacenterId: id });
    await setCountryDatacenter(db(), systemActor, { country: "KE", datacenterId: id });
    expect((await listCountryMap(db())).map((c) => [c.country, c.datacenterName])).toEqual([
      ["KE", "Africa 1"],
      ["ZA", "Africa 1"],
    ]);
    await removeCountryDatacenter(db(), systemActor, "KE");
    expect((await listDatacenters(db())).find((d) => d.id === id)?.countries).toEqual(["ZA"]);

    const [reseller] = await db()
      .insert(s.resellers)
      .values({
        name: "Joburg Partner",
        legalName: "Joburg Partner Ltd",
        addressLine1: "1 Road",
        city: "Johannesburg",
        postalCode: "2000",
        country: "ZA",
        currency: "USD",
        billingEmail: "za@example.test",
        internalTag: "za-partner",
        datacenterId: id,
      })
      .returning();
    expect((await listDatacenters(db())).find((d) => d.id === id)?.resellers).toBe(1);
    expect((await refusal(deleteDatacenter(db(), systemActor, id))).message).toMatch(
      /1 reseller lives in "Africa 1"/,
    );
    await db().delete(s.resellers).where(eq(s.resellers.id, reseller!.id));
    await deleteDatacenter(db(), systemActor, id);
    expect(await db().select().from(s.acronisDatacenters).where(eq(s.acronisDatacenters.id, id))).toEqual([]);
    // Its countries went with it: South Africans get the default again.
    expect((await listCountryMap(db())).map((c) => c.country)).not.toContain("ZA");
  });
});

describe("the connection test and infrastructures", () => {
  it("records who the client is and imports the storage infrastructures with their owners", async () => {
    const { id } = await saveDatacenter(
      db(),
      systemActor,
      form({ name: "Simulated", baseUrl: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret }),
    );
    const outcome = await testDatacenter(db(), systemActor, id);
    expect(outcome).toMatchObject({ ok: true, tenantId: sim.rootTenantId });
    const row = await rowOf(id);
    expect(row).toMatchObject({ lastTestOk: true, rootTenantId: sim.rootTenantId });
    expect(row.lastTestMessage).toMatch(/^Connected as /);
    const infras = await db()
      .select()
      .from(s.acronisInfrastructures)
      .where(eq(s.acronisInfrastructures.datacenterId, id));
    const owners = Object.fromEntries(infras.map((i) => [i.infraId, i.owner]));
    expect(owners[ACRONIS_INFRA_ID]).toBe("acronis");
    expect(outcome.ok && outcome.infrastructures).toBe(infras.length);
  });

  it("records a failed test with Acronis's answer and never the secret", async () => {
    const { id } = await saveDatacenter(
      db(),
      systemActor,
      form({
        name: "Wrong secret",
        baseUrl: `${sim.url.replace("127.0.0.1", "localhost")}`,
        clientId: sim.clientId,
        clientSecret: "not-the-secret",
      }),
    );
    const outcome = await testDatacenter(db(), systemActor, id);
    expect(outcome.ok).toBe(false);
    const row = await rowOf(id);
    expect(row.lastTestOk).toBe(false);
    expect(row.lastTestMessage).toMatch(/Acronis answered 401/);
    expect(row.lastTestMessage).not.toContain("not-the-secret");
  });

  it("keeps an owner staff corrected through later imports, after a confirm step that says what is billed", async () => {
    const { id } = await addDatacenter("Infra DC", "https://infra.example");
    await importInfrastructures(db(), id, [
      { id: PARTNER_INFRA_ID, name: "Own storage", owner: "partner" },
      { id: ACRONIS_INFRA_ID, name: "Acronis storage", owner: "acronis" },
    ]);
    const input = (confirm?: string) =>
      infrastructureOwnerSchema.parse({
        datacenterId: id,
        infraId: PARTNER_INFRA_ID,
        owner: "hyperscaler",
        confirm,
      });
    const ask = await refusal(setInfrastructureOwner(db(), systemActor, input()));
    expect(ask.fieldErrors?.confirm?.[0]).toMatch(/Own storage will be billed as Hyperscaler-hosted/);
    const unchanged = await db()
      .select()
      .from(s.acronisInfrastructures)
      .where(eq(s.acronisInfrastructures.infraId, PARTNER_INFRA_ID));
    expect(unchanged.find((i) => i.datacenterId === id)?.owner).toBe("partner");

    const change = await setInfrastructureOwner(db(), systemActor, input("yes"));
    expect(change).toMatchObject({ changed: true, before: "partner", after: "hyperscaler" });
    const again = await importInfrastructures(db(), id, [
      { id: PARTNER_INFRA_ID, name: "Own storage (renamed)", owner: "partner" },
      { id: ACRONIS_INFRA_ID, name: "Acronis storage", owner: "hyperscaler" },
    ]);
    expect(again).toEqual({ total: 2, added: 0 });
    const rows = await db()
      .select()
      .from(s.acronisInfrastructures)
      .where(eq(s.acronisInfrastructures.datacenterId, id));
    const byId = new Map(rows.map((r) => [r.infraId, r]));
    // Staff's correction stays; an owner Acronis reports differently follows Acronis.
    expect(byId.get(PARTNER_INFRA_ID)).toMatchObject({
      owner: "hyperscaler",
      ownerSetByStaff: true,
      name: "Own storage (renamed)",
    });
    expect(byId.get(ACRONIS_INFRA_ID)).toMatchObject({ owner: "hyperscaler", ownerSetByStaff: false });
  });
});
