import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ACRONIS_INFRA_ID,
  AZURE_INFRA_ID,
  generatedValue,
  PARTNER_INFRA_ID,
  type Simulator,
  startSimulator,
} from "../acronis-sim/index";
import {
  type AcronisClientOptions,
  AcronisError,
  acronisConfigFromEnv,
  classifyInfrastructure,
  createAcronisClient,
  isNameConflictError,
  isStaleVersionError,
} from "./index";

const SIM_NOW = new Date("2025-03-15T12:00:00Z");
let sim: Simulator;
let root: string;

type LogEntry = { method: string; path: string; query: string; status: number };

beforeAll(async () => {
  sim = await startSimulator({ port: 0, dataDir: null, now: () => SIM_NOW, reportDelayMs: 30 });
  root = sim.rootTenantId;
});
afterAll(() => sim.stop());
afterEach(() => sim.control("DELETE", "faults"));

function makeClient(overrides: Partial<AcronisClientOptions> = {}) {
  const waits: number[] = [];
  const client = createAcronisClient({
    baseUrl: sim.url,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 1,
    ...overrides,
  });
  return { client, waits };
}

const requests = async () => (await sim.control<{ items: LogEntry[] }>("GET", "requests")).items;
const clearRequests = () => sim.control("DELETE", "requests");
const fault = (body: Record<string, unknown>) => sim.control("POST", "faults", body);
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a rejection"),
    (e: unknown) => e,
  );

let partnerSeq = 0;
function newPartner(client: ReturnType<typeof makeClient>["client"], name = `Partner ${++partnerSeq}`) {
  return client.createTenant({ parentId: root, name, kind: "partner", internalTag: `test:${name}` });
}

describe("configuration", () => {
  it("reads and normalises the environment without echoing secrets", () => {
    const env = {
      ACRONIS_BASE_URL: "https://eu2-cloud.acronis.com/api/2/",
      ACRONIS_CLIENT_ID: "id-1",
      ACRONIS_CLIENT_SECRET: "s3cret",
    };
    expect(acronisConfigFromEnv(env)).toEqual({
      baseUrl: "https://eu2-cloud.acronis.com",
      clientId: "id-1",
      clientSecret: "s3cret",
    });
    const bad = { ACRONIS_BASE_URL: "not a url", ACRONIS_CLIENT_ID: "x", ACRONIS_CLIENT_SECRET: "" };
    expect(() => acronisConfigFromEnv(bad)).toThrow(/ACRONIS_BASE_URL, ACRONIS_CLIENT_SECRET/);
  });

  it("reports bad credentials as a non-retryable invalid_client error", async () => {
    const { client } = makeClient({ clientSecret: "wrong-secret-value" });
    const err = (await caught(client.whoAmI())) as AcronisError;
    expect(err).toBeInstanceOf(AcronisError);
    expect(err).toMatchObject({ kind: "http", status: 401, code: "invalid_client", retryable: false });
    expect(err.message).not.toContain("wrong-secret-value");
  });
});

describe("tokens", () => {
  it("tells who the API client is and shares one token between concurrent calls", async () => {
    const { client } = makeClient();
    const [me] = await Promise.all([client.whoAmI(), client.getTenant(root), client.getTenant(root)]);
    expect(me).toEqual({
      clientId: sim.clientId,
      tenantId: root,
      tenantName: "Tierline Distributor",
      tenantKind: "partner",
    });
    expect(client.tokensIssued()).toBe(1);
  });

  it("re-issues the token when the datacenter says it expired (2 h later)", async () => {
    const { client } = makeClient();
    await client.getTenant(root);
    await sim.control("POST", "clock", { advance_ms: 7_201_000 });
    try {
      await clearRequests();
      await client.getTenant(root);
    } finally {
      await sim.control("POST", "clock", { advance_ms: -7_201_000 });
    }
    expect(client.tokensIssued()).toBe(2);
    expect((await requests()).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `GET /api/2/tenants/${root} 401`,
      "POST /api/2/idp/token 200",
      `GET /api/2/tenants/${root} 200`,
    ]);
  });

  it("refreshes early, before the token expires, without a 401", async () => {
    let now = Date.parse("2030-01-01T00:00:00Z");
    const { client } = makeClient({ now: () => now });
    await client.getTenant(root);
    now += 7_200_000 - 30_000;
    await clearRequests();
    await client.getTenant(root);
    expect(client.tokensIssued()).toBe(2);
    expect((await requests()).map((r) => r.status)).toEqual([200, 200]);
  });

  it("re-issues once on 401, then gives up", async () => {
    const { client } = makeClient();
    await client.getTenant(root);
    await fault({ expire_tokens: true });
    await expect(client.getTenant(root)).resolves.toMatchObject({ id: root });
    expect(client.tokensIssued()).toBe(2);
    await fault({ status: 401, path: `/tenants/${root}`, count: 5 });
    const err = await caught(client.getTenant(root));
    expect(err).toMatchObject({ kind: "http", status: 401, retryable: false });
    expect(client.tokensIssued()).toBe(3);
  });
});

describe("retries", () => {
  it("honours Retry-After on 429, in seconds and as an HTTP date", async () => {
    const { client, waits } = makeClient();
    await fault({ status: 429, retry_after: 3, path: `/tenants/${root}` });
    await expect(client.getTenant(root)).resolves.toMatchObject({ id: root });
    expect(waits).toEqual([3000]);

    const fixed = Date.parse("2030-01-01T00:00:00Z");
    const dated = makeClient({ now: () => fixed });
    await fault({ status: 429, retry_after: new Date(fixed + 5000).toUTCString(), path: `/tenants/${root}` });
    await dated.client.getTenant(root);
    expect(dated.waits).toEqual([5000]);
  });

  it("retries 5xx with exponential backoff, then succeeds", async () => {
    const { client, waits } = makeClient();
    await fault({ status: 503, count: 2, path: `/tenants/${root}` });
    await expect(client.getTenant(root)).resolves.toMatchObject({ id: root });
    expect(waits).toEqual([500, 1000]);
  });

  it("gives up on a permanent 5xx after maxRetries with the Acronis error details", async () => {
    const { client, waits } = makeClient({ maxRetries: 2 });
    await client.getTenant(root);
    const body = {
      error: {
        code: 500,
        message: "Internal",
        domain: "PlatformAccountServer",
        details: { info: "database down" },
      },
    };
    await fault({ status: 500, count: 10, path: `/tenants/${root}`, body });
    const err = (await caught(client.getTenant(root))) as AcronisError;
    expect(err).toMatchObject({
      kind: "http",
      status: 500,
      code: 500,
      domain: "PlatformAccountServer",
      retryable: true,
    });
    expect(err.message).toContain("database down");
    expect(waits).toHaveLength(2);
  });

  it("times out slow calls, retries them, and reports a timeout when they stay slow", async () => {
    const { client, waits } = makeClient({ timeoutMs: 150 });
    await client.getTenant(root);
    await fault({ latency_ms: 600, count: 1, path: `/tenants/${root}` });
    await expect(client.getTenant(root)).resolves.toMatchObject({ id: root });
    expect(waits).toHaveLength(1);

    await fault({ latency_ms: 600, count: 2, path: `/tenants/${root}` });
    const stubborn = makeClient({ timeoutMs: 150, maxRetries: 1 });
    const err = await caught(stubborn.client.getTenant(root));
    expect(err).toMatchObject({ kind: "timeout", retryable: true });
  });

  it("rejects a malformed response as a validation error without retrying", async () => {
    let calls = 0;
    const { client } = makeClient({
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (!input.includes(`/tenants/${root}`)) return res;
        calls++;
        const body = (await res.json()) as Record<string, unknown>;
        return new Response(JSON.stringify({ ...body, kind: "reseller" }), { status: 200 });
      },
    });
    const err = (await caught(client.getTenant(root))) as AcronisError;
    expect(err).toMatchObject({ kind: "validation", status: 200, retryable: false });
    expect(err.message).toContain("kind");
    expect(calls).toBe(1);
  });
});

describe("versioned writes", () => {
  it("re-reads and retries a tenant update after a concurrent change (409)", async () => {
    const { client } = makeClient();
    const partner = await newPartner(client);
    let raced = false;
    const racing = makeClient({
      fetch: async (input, init) => {
        if (!raced && init.method === "PUT" && input.endsWith(`/tenants/${partner.id}`)) {
          raced = true;
          await client.updateTenant(partner.id, { customerId: "changed-elsewhere" });
        }
        return fetch(input, init);
      },
    });
    await clearRequests();
    const updated = await racing.client.updateTenant(partner.id, { name: `${partner.name} (renamed)` });
    expect(updated).toMatchObject({ name: `${partner.name} (renamed)`, customerId: "changed-elsewhere" });
    expect(updated.version).toBe(partner.version + 2);
    expect((await requests()).filter((r) => r.status === 409)).toHaveLength(1);
  });

  it("re-reads and retries an offering-item quota change after a stale version (426)", async () => {
    const { client } = makeClient();
    const partner = await newPartner(client);
    const servers = (await client.listAvailableOfferingItemsForChild(root, "partner")).find(
      (i) => i.name === "pw_base_servers",
    )!;
    const change = (value: number) => ({
      applicationId: servers.applicationId,
      name: servers.name,
      enabled: true,
      quota: { value, overage: 0 },
    });
    await client.setOfferingItems(partner.id, [change(10)]);
    let raced = false;
    const racing = makeClient({
      fetch: async (input, init) => {
        if (!raced && init.method === "PUT" && input.endsWith(`/tenants/${partner.id}/offering_items`)) {
          raced = true;
          await client.setOfferingItems(partner.id, [change(15)]);
        }
        return fetch(input, init);
      },
    });
    await clearRequests();
    const [item] = await racing.client.setOfferingItems(partner.id, [change(20)]);
    expect(item).toMatchObject({ name: "pw_base_servers", enabled: true, quota: { value: 20, overage: 0 } });
    expect((await requests()).filter((r) => r.status === 426)).toHaveLength(1);
  });
});

describe("tenants", () => {
  it("follows cursor pagination, sending only `after` on later pages", async () => {
    const { client } = makeClient({ pageSize: 3 });
    const partner = await newPartner(client);
    for (let i = 0; i < 7; i++)
      await sim.control("POST", "tenants", { parent_id: partner.id, name: `Cust ${i}` });
    await clearRequests();
    const children = await client.listChildTenants(partner.id);
    expect(children.map((c) => c.name)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `Cust ${i}`));
    const pages = (await requests()).filter((r) => r.path === "/api/2/tenants");
    expect(pages).toHaveLength(3);
    expect(pages[1]!.query).toMatch(/^\?after=[^&]+$/);
  });

  it("switches trial → production once and never back", async () => {
    const { client } = makeClient();
    const partner = await newPartner(client);
    expect((await client.getPricing(partner.id)).mode).toBe("production");
    expect((await client.setPricingMode(partner.id, "trial")).mode).toBe("trial");
    const prod = await client.setPricingMode(partner.id, "production");
    expect(prod).toMatchObject({ mode: "production", productionStartDate: SIM_NOW });
    await expect(client.setPricingMode(partner.id, "production")).resolves.toMatchObject({
      version: prod.version,
    });
    const err = await caught(client.setPricingMode(partner.id, "trial"));
    expect(err).toMatchObject({ kind: "http", status: 400 });
    expect((await client.getTenant(partner.id)).pricingMode).toBe("production");
  });

  it("refuses to delete an enabled tenant (1006) and deletes it once disabled", async () => {
    const { client } = makeClient();
    const partner = await newPartner(client);
    const err = await caught(client.deleteTenant(partner.id));
    expect(err).toMatchObject({ kind: "http", status: 400, code: 1006, domain: "PlatformAccountServer" });
    expect((await client.setTenantEnabled(partner.id, false)).enabled).toBe(false);
    await client.deleteTenant(partner.id);
    expect(await caught(client.getTenant(partner.id))).toMatchObject({ status: 404 });
    expect((await client.getTenant(partner.id, { allowDeleted: true })).deletedAt).toBeInstanceOf(Date);
  });
});

describe("conflicts (error.code 1001 and 1004)", () => {
  it("retries a version mismatch (409, code 1001) with the re-read version, then succeeds", async () => {
    const { client } = makeClient();
    const partner = await newPartner(client);
    await fault({
      method: "PUT",
      path: `/tenants/${partner.id}`,
      status: 409,
      body: {
        error: { code: 1001, message: "Version mismatch", domain: "PlatformAccountServer", details: {} },
      },
    });
    await clearRequests();
    const updated = await client.updateTenant(partner.id, { customerId: "after-1001" });
    expect(updated).toMatchObject({ customerId: "after-1001", version: partner.version + 1 });
    const log = await requests();
    expect(log.filter((r) => r.method === "PUT").map((r) => r.status)).toEqual([409, 200]);
    expect(log.filter((r) => r.method === "GET" && r.path === `/api/2/tenants/${partner.id}`)).toHaveLength(
      2,
    );
  });

  it("does not retry a sibling name conflict (409, code 1004) and names it", async () => {
    const { client } = makeClient();
    const partner = await newPartner(client);
    const first = await client.createTenant({ parentId: partner.id, name: "Contoso", kind: "customer" });
    const other = await client.createTenant({ parentId: partner.id, name: "Fabrikam", kind: "customer" });
    await clearRequests();
    const err = (await caught(
      client.createTenant({ parentId: partner.id, name: "contoso", kind: "customer" }),
    )) as AcronisError;
    expect(err).toMatchObject({ kind: "http", status: 409, code: 1004, retryable: false });
    expect(isNameConflictError(err)).toBe(true);
    expect(isStaleVersionError(err)).toBe(false);
    expect(err.message).toContain("tenant name conflict");
    const renamed = (await caught(client.updateTenant(other.id, { name: first.name }))) as AcronisError;
    expect(isNameConflictError(renamed)).toBe(true);
    const writes = (await requests()).filter((r) => r.method !== "GET");
    expect(writes.map((r) => [r.method, r.status])).toEqual([
      ["POST", 409],
      ["PUT", 409],
    ]);
    expect((await client.getTenant(other.id)).name).toBe("Fabrikam");
  });
});

describe("tenant trees", () => {
  it("walks a partner's whole subtree, folders and sub-partners included, page by page", async () => {
    const { client } = makeClient({ pageSize: 2 });
    const partner = await newPartner(client);
    const make = (body: Record<string, unknown>) => sim.control<{ id: string }>("POST", "tenants", body);
    const folder = await make({ parent_id: partner.id, name: "Folder", kind: "folder" });
    const sub = await make({ parent_id: partner.id, name: "Sub-partner", kind: "partner" });
    await make({ parent_id: partner.id, name: "Direct" });
    await make({ parent_id: folder.id, name: "In folder" });
    await make({ parent_id: sub.id, name: "Under sub-partner" });
    await clearRequests();
    const tree: Array<{ name: string; kind: string; parentId: string }> = [];
    for await (const t of client.iterateTenants({ subtreeRootId: partner.id })) tree.push(t);
    expect(tree.map((t) => t.name)).toEqual([
      partner.name,
      "Folder",
      "Sub-partner",
      "Direct",
      "In folder",
      "Under sub-partner",
    ]);
    expect(tree.filter((t) => t.kind === "customer").map((t) => t.parentId)).toEqual([
      partner.id,
      folder.id,
      sub.id,
    ]);
    expect((await requests()).filter((r) => r.path === "/api/2/tenants")).toHaveLength(3);
    // Direct children alone miss the customers in the folder and under the sub-partner.
    expect((await client.listChildTenants(partner.id)).map((t) => t.name)).toEqual(["Direct"]);
  });

  it("reads a trial customer's pricing mode and the date it turns production", async () => {
    const { client } = makeClient();
    const partner = await newPartner(client);
    const trial = await sim.control<{ id: string }>("POST", "tenants", {
      parent_id: partner.id,
      name: "On trial",
      pricing_mode: "trial",
    });
    const t = await client.getTenant(trial.id);
    expect(t).toMatchObject({ pricingMode: "trial", productionStartDate: new Date("2025-05-01T00:00:00Z") });
    expect(t.productionStartDate!.getTime()).toBeGreaterThan(SIM_NOW.getTime());
  });

  it("accepts external_operation_status no_operation", async () => {
    const { client } = makeClient();
    const partner = await newPartner(client);
    const idle = await sim.control<{ id: string }>("POST", "tenants", {
      parent_id: partner.id,
      name: "Idle",
      external_operation_status: "no_operation",
    });
    expect((await client.getTenant(idle.id)).externalOperationStatus).toBe("no_operation");
    expect((await client.getTenant(partner.id)).externalOperationStatus).toBeNull();
    const listed = await client.listChildTenants(partner.id);
    expect(listed.map((t) => t.externalOperationStatus)).toEqual(["no_operation"]);
  });
});

describe("storage infrastructures", () => {
  it("lists the datacenter's storages, classified as Acronis-hosted, hyperscaler and partner-owned", async () => {
    const { client } = makeClient();
    const infras = await client.listInfrastructures();
    const owners = Object.fromEntries(infras.map((i) => [i.id, i.owner]));
    expect(owners).toEqual({
      [ACRONIS_INFRA_ID]: "acronis",
      [AZURE_INFRA_ID]: "hyperscaler",
      [PARTNER_INFRA_ID]: "partner",
    });
    expect(infras.find((i) => i.id === AZURE_INFRA_ID)).toMatchObject({
      name: "Microsoft Azure",
      platformOwned: true,
      backendType: "azure",
      capabilities: ["backup"],
    });

    const partner = await newPartner(client);
    const own = await sim.control<{ id: string }>("POST", "infra", {
      name: "Reseller gateway",
      owner_tenant_id: partner.id,
    });
    const theirs = await client.listInfrastructures({ tenantId: partner.id });
    expect(theirs.find((i) => i.id === own.id)).toMatchObject({
      owner: "partner",
      ownerTenantId: partner.id,
    });
    expect(await client.getInfrastructures([own.id, AZURE_INFRA_ID])).toHaveLength(2);
  });

  it("classifies by platform_owned and backend_type", () => {
    expect(classifyInfrastructure({ platformOwned: false, backendType: "azure" })).toBe("partner");
    expect(classifyInfrastructure({ platformOwned: true, backendType: "google" })).toBe("hyperscaler");
    expect(classifyInfrastructure({ platformOwned: true, backendType: "Amazon_S3" })).toBe("hyperscaler");
    expect(classifyInfrastructure({ platformOwned: true, backendType: "acronis" })).toBe("acronis");
    expect(classifyInfrastructure({ platformOwned: true, backendType: null })).toBe("acronis");
  });

  it("reads storage usage per infrastructure: one row per infra_id under the same name", async () => {
    const { client } = makeClient();
    const partner = await newPartner(client);
    const customer = await sim.control<{ id: string }>("POST", "tenants", {
      parent_id: partner.id,
      name: "Two storages",
      skus: ["pw_base_workstations"],
    });
    const GIB = 2 ** 30;
    for (const [infra_id, gb] of [
      [ACRONIS_INFRA_ID, 120],
      [AZURE_INFRA_ID, 80],
    ] as const) {
      await sim.control("POST", "usage", {
        tenant_id: customer.id,
        usage_name: "pw_base_storage",
        infra_id,
        value: gb * GIB,
      });
    }
    await sim.control("POST", "usage", {
      tenant_id: customer.id,
      usage_name: "pg_base_storage",
      value: 7 * GIB,
    });
    const rows = await client.getUsages([customer.id]);
    const storage = rows.filter((r) => r.name === "pw_base_storage");
    expect(storage.map((r) => [r.infraId, r.value / GIB])).toEqual([
      [ACRONIS_INFRA_ID, 120],
      [AZURE_INFRA_ID, 80],
    ]);
    expect(rows.find((r) => r.name === "pg_base_storage")).toMatchObject({
      edition: "pck_per_gigabyte",
      infraId: ACRONIS_INFRA_ID,
      value: 7 * GIB,
    });
  });
});

describe("two-factor authentication", () => {
  it("reads and sets a tenant's MFA status", async () => {
    const { client } = makeClient();
    const partner = await newPartner(client);
    expect(await client.getTenantMfaStatus(partner.id)).toEqual({
      status: "disabled",
      enabled: false,
      usersCount: 0,
      usersWithTotpCount: 0,
      updateAllowed: true,
    });
    expect(await client.setTenantMfaStatus(partner.id, true)).toMatchObject({
      status: "enabled",
      enabled: true,
    });
    expect((await client.getTenantMfaStatus(partner.id)).enabled).toBe(true);
    // An answer without a body (a proxy, an older build) is read back.
    await fault({ method: "PUT", path: `/tenants/${partner.id}/mfa`, status: 204, lose_answer: true });
    expect(await client.setTenantMfaStatus(partner.id, false)).toMatchObject({ status: "disabled" });
  });
});

describe("provisioning (acronis-api.md §12.1)", () => {
  it("creates a reseller end to end and is idempotent by internal_tag", async () => {
    const { client } = makeClient();
    const me = await client.whoAmI();
    const tag = "marketplace:sub-789";
    expect(await client.findTenantByInternalTag(me.tenantId, tag)).toBeNull();
    const tenant = await client.createTenant({
      parentId: me.tenantId,
      name: "Contoso IT Services",
      kind: "partner",
      internalTag: tag,
      customerId: "mkt-acct-000123",
      contact: { email: "billing@contoso.example", firstName: "Dana", lastName: "Lee", country: "US" },
    });
    expect(tenant).toMatchObject({
      kind: "partner",
      enabled: true,
      version: 1,
      internalTag: tag,
      parentId: root,
    });
    expect(tenant.contact).toMatchObject({ email: "billing@contoso.example", firstName: "Dana" });
    expect((await client.findTenantByInternalTag(me.tenantId, tag))?.id).toBe(tenant.id);
    // A retried create (first attempt landed) returns the same tenant instead of a twin.
    expect(
      (
        await client.createTenant({
          parentId: root,
          name: "Contoso IT Services",
          kind: "partner",
          internalTag: tag,
        })
      ).id,
    ).toBe(tenant.id);

    expect((await client.setPricingMode(tenant.id, "trial")).mode).toBe("trial");
    expect(await client.setTierLevel(tenant.id, 1, "per_device")).toEqual({
      tierLevelValue: 1,
      licensingMode: "per_device",
    });
    expect(await client.getBillingSettings(tenant.id)).toEqual({
      tierLevelValue: 1,
      licensingMode: "per_device",
    });

    const available = await client.listAvailableOfferingItemsForChild(me.tenantId, "partner");
    const chosen = available.filter((i) => i.name.startsWith("pw_"));
    const enabled = await client.setOfferingItems(
      tenant.id,
      chosen.map((i) => ({
        applicationId: i.applicationId,
        name: i.name,
        infraId: i.infraId,
        enabled: true,
      })),
    );
    expect(enabled.every((i) => i.enabled)).toBe(true);
    const items = await client.listOfferingItems(tenant.id);
    expect(
      items
        .filter((i) => i.enabled)
        .map((i) => i.name)
        .sort(),
    ).toEqual(chosen.map((i) => i.name).sort());
    expect(items.find((i) => i.name === "pw_base_storage")?.infraId).toEqual(expect.any(String));

    const login = "dana.lee@contoso.example";
    expect(await client.checkLogin(login)).toBe(true);
    const user = await client.createUser({
      tenantId: tenant.id,
      login,
      email: login,
      firstName: "Dana",
      lastName: "Lee",
    });
    expect(user).toMatchObject({ tenantId: tenant.id, login, activated: false, personalTenantId: null });
    expect(await client.checkLogin(login)).toBe(false);
    const policies = await client.setAccessPolicies(user.id, tenant.id, ["partner_admin"]);
    expect(policies).toEqual([
      expect.objectContaining({ roleId: "partner_admin", tenantId: tenant.id, trusteeId: user.id }),
    ]);
    await client.sendActivationEmail(user.id);

    const state = await sim.control<{
      activation_emails: Array<{ user_id: string; email: string }>;
      users: Array<{ id: string; roles: string[] }>;
      tenants: Array<{ id: string; pricing_mode: string; settings: Record<string, unknown> }>;
    }>("GET", "state");
    expect(state.activation_emails).toContainEqual(
      expect.objectContaining({ user_id: user.id, email: login }),
    );
    expect(state.users.find((u) => u.id === user.id)?.roles).toEqual(["partner_admin"]);
    expect(state.tenants.find((t) => t.id === tenant.id)).toMatchObject({
      pricing_mode: "trial",
      settings: { tier_level_value: 1, licensing_mode: "per_device" },
    });
  });
});

describe("users of a tenant", () => {
  it("finds a tenant's user by login through the UUID list and batched details (100 a call)", async () => {
    const { client } = makeClient({ pageSize: 40 });
    const partner = await newPartner(client);
    const other = await newPartner(client);
    const created: string[] = [];
    for (let i = 0; i < 101; i++) {
      const login = `${partner.id.slice(0, 8)}-user-${i}`;
      created.push(
        (await client.createUser({ tenantId: partner.id, login, email: `${login}@example.test` })).id,
      );
    }
    const stranger = await client.createUser({
      tenantId: other.id,
      login: `${other.id.slice(0, 8)}-Admin`,
      email: "stranger@example.test",
    });
    await clearRequests();

    const users = await client.listTenantUsers(partner.id);
    expect(users.map((u) => u.id).sort()).toEqual([...created].sort());
    const log = await requests();
    expect(log.filter((r) => r.path === `/api/2/tenants/${partner.id}/users`)).toHaveLength(1);
    const batches = log.filter((r) => r.method === "GET" && r.path === "/api/2/users");
    // 101 ids → two `uuids` chunks; the first (100) is read in pages of 40 by cursor (3 calls), the second in 1.
    expect(batches).toHaveLength(4);
    expect(batches.filter((r) => r.query.includes("uuids=")).length).toBe(2);
    expect(
      batches.filter((r) => !r.query.includes("uuids=")).every((r) => r.query.startsWith("?after=")),
    ).toBe(true);

    const found = await client.findTenantUserByLogin(partner.id, `${partner.id.slice(0, 8)}-USER-7`);
    expect(found).toMatchObject({
      id: created[7],
      tenantId: partner.id,
      login: `${partner.id.slice(0, 8)}-user-7`,
    });
    // Logins are global, but only the tenant's own users count.
    expect(await client.findTenantUserByLogin(partner.id, stranger.login)).toBeNull();
    expect(await client.findTenantUserByLogin(other.id, stranger.login.toLowerCase())).toMatchObject({
      id: stranger.id,
    });
    expect(await client.listTenantUsers((await newPartner(client)).id)).toEqual([]);

    expect(await client.getAccessPolicies(stranger.id)).toEqual([]);
    await client.setAccessPolicies(stranger.id, other.id, ["partner_admin"]);
    expect(await client.getAccessPolicies(stranger.id)).toEqual([
      expect.objectContaining({ roleId: "partner_admin", tenantId: other.id, trusteeId: stranger.id }),
    ]);
  });

  it("reads users lost in a 504 that Acronis did create (the simulator applies the request)", async () => {
    const { client } = makeClient({ maxRetries: 0 });
    const partner = await newPartner(client);
    const login = `${partner.id.slice(0, 8)}-lost`;
    await fault({ method: "POST", path: "/users", status: 504, lose_answer: true });
    const err = (await caught(
      client.createUser({ tenantId: partner.id, login, email: "x@example.test" }),
    )) as AcronisError;
    expect(err).toMatchObject({ status: 504, retryable: true });
    expect(await client.checkLogin(login)).toBe(false);
    expect(await client.findTenantUserByLogin(partner.id, login)).toMatchObject({
      login,
      tenantId: partner.id,
    });
  });
});

describe("usage", () => {
  it("batches usage reads at 100 tenants per call and returns generator values", async () => {
    const { client } = makeClient();
    const partner = await newPartner(client);
    const ids: string[] = [];
    for (let i = 0; i < 105; i++) {
      const c = await sim.control<{ id: string }>("POST", "tenants", {
        parent_id: partner.id,
        name: `Usage ${i}`,
        skus: ["pw_base_workstations", "pw_base_storage"],
        usage_since: "2025-03-01",
      });
      ids.push(c.id);
    }
    await clearRequests();
    const rows = await client.getUsages(ids);
    const calls = (await requests()).filter((r) => r.path === "/api/2/tenants/usages");
    expect(calls).toHaveLength(2);
    const workstations = rows.filter((r) => r.name === "pw_base_workstations");
    expect(new Set(workstations.map((r) => r.tenantId))).toEqual(new Set(ids));
    for (const row of workstations) {
      expect(row.value).toBe(
        generatedValue(row.tenantId, row.name, row.usageName, "2025-03-15", "2025-03-01"),
      );
      expect(row).toMatchObject({
        usageName: "workstations",
        edition: "pck_per_workload",
        offeringItemEnabled: true,
      });
      expect(row.rangeStart).toEqual(new Date("2025-03-01T00:00:00Z"));
    }
  });

  it("creates, polls and downloads the daily usage report, consistent with the generator", async () => {
    const { client } = makeClient({ sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 10))) });
    const partner = await newPartner(client);
    const since = "2025-01-01";
    const customer = await sim.control<{ id: string }>("POST", "tenants", {
      parent_id: partner.id,
      name: "Reported",
      skus: ["pw_base_workstations", "pw_base_storage", "pw_base_adv_dr_compute_points"],
      usage_since: since,
    });
    await sim.control("POST", "usage", {
      tenant_id: customer.id,
      usage_name: "workstations",
      from: "2025-02-20",
      value: 42,
    });
    const rows = await client.fetchDailyUsageReport(
      { parentId: root, from: "2025-02-01", to: "2025-02-28" },
      { pollIntervalMs: 10 },
    );
    const mine = rows.filter((r) => r.tenantId === customer.id);
    expect(mine).toHaveLength(28 * 3);
    for (const row of mine) {
      const expected =
        row.name === "pw_base_workstations" && row.date >= "2025-02-20"
          ? 42
          : generatedValue(customer.id, row.name, row.usageName!, row.date, since);
      expect(row.value, `${row.name} ${row.date}`).toBe(expected);
    }
    const points = mine.filter((r) => r.name === "pw_base_adv_dr_compute_points").map((r) => r.value);
    expect(points).toEqual([...points].sort((a, b) => a - b));
    expect(mine.find((r) => r.name === "pw_base_storage")?.measurementUnit).toBe("bytes");
  });
});
