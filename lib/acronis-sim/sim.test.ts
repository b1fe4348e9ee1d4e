import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACRONIS_INFRA_ID, AZURE_INFRA_ID, PARTNER_INFRA_ID, type Simulator, startSimulator } from "./index";

const NOW = new Date("2025-03-15T12:00:00Z");
let sim: Simulator;
let token: string;

// biome-ignore lint/suspicious/noExplicitAny: raw JSON under test
type Json = any;
type Res = { status: number; body: Json; headers: Headers };

async function call(
  method: string,
  p: string,
  opts: { body?: unknown; raw?: string; type?: string; auth?: string | null } = {},
) {
  const headers: Record<string, string> = {};
  const auth = opts.auth === undefined ? token : opts.auth;
  if (auth) headers.authorization = `Bearer ${auth}`;
  let body: string | undefined;
  if (opts.body !== undefined || opts.raw !== undefined) {
    headers["content-type"] = opts.type ?? "application/json";
    body = opts.raw ?? JSON.stringify(opts.body);
  }
  const res = await fetch(`${sim.url}/api/2${p}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers } as Res;
}

async function issueToken(s: Simulator): Promise<string> {
  const res = await fetch(`${s.url}/api/2/idp/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${s.clientId}:${s.clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function newPartner(name: string, extra: Record<string, unknown> = {}) {
  const res = await call("POST", "/tenants", {
    body: { name, parent_id: sim.rootTenantId, kind: "partner", ...extra },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number; enabled: boolean };
}

function expectEnvelope(res: Res, status: number) {
  expect(res.status).toBe(status);
  expect(res.body.error).toMatchObject({
    domain: "PlatformAccountServer",
    details: { info: expect.any(String) },
  });
  expect(res.body.error.code).toBeDefined();
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, dataDir: null, now: () => NOW, reportDelayMs: 50 });
  token = await issueToken(sim);
});
afterAll(() => sim.stop());

describe("authentication", () => {
  it("issues bearer tokens for client credentials (Basic or form) and rejects bad ones", async () => {
    const form = await fetch(`${sim.url}/api/2/idp/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: sim.clientId,
        client_secret: sim.clientSecret,
      }),
    });
    const json = (await form.json()) as Record<string, unknown>;
    expect(form.status).toBe(200);
    expect(json).toMatchObject({
      token_type: "bearer",
      expires_in: 7200,
      expires_on: NOW.getTime() / 1000 + 7200,
    });
    expect(json.id_token).toEqual(expect.any(String));

    const bad = await fetch(`${sim.url}/api/2/idp/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: sim.clientId,
        client_secret: "nope",
      }),
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: "invalid_client" });

    const wrongType = await call("POST", "/idp/token", { raw: "grant_type=client_credentials", auth: null });
    expect(wrongType.status).toBe(415);
  });

  it("answers 401 with the error envelope for missing, unknown and expired tokens", async () => {
    expectEnvelope(await call("GET", `/tenants/${sim.rootTenantId}`, { auth: null }), 401);
    expectEnvelope(await call("GET", `/tenants/${sim.rootTenantId}`, { auth: "bogus" }), 401);
    const short = await issueToken(sim);
    await sim.control("POST", "faults", { expire_tokens: true });
    expectEnvelope(await call("GET", `/tenants/${sim.rootTenantId}`, { auth: short }), 401);
    token = await issueToken(sim);
    expect((await call("GET", `/tenants/${sim.rootTenantId}`)).status).toBe(200);
  });

  it("serves a console page at / listing the partners, their tier level and administrators", async () => {
    const partner = await newPartner("Console <Partner>");
    const res = await fetch(`${sim.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain("Console &#60;Partner&#62;");
    expect(html).not.toContain("<Partner>");
    expect(partner.enabled).toBe(true);
  });

  it("resolves the API client to its tenant", async () => {
    const res = await call("GET", `/clients/${sim.clientId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      client_id: sim.clientId,
      tenant_id: sim.rootTenantId,
      type: "api_client",
    });
    expect(res.body.created_at).toMatch(/Z$/);
  });
});

describe("request semantics", () => {
  it("validates bodies, content types, UUID paths, unknown endpoints and methods", async () => {
    const extra = await call("POST", "/tenants", {
      body: { name: "X", parent_id: sim.rootTenantId, kind: "partner", pricing_mode: "trial" },
    });
    expectEnvelope(extra, 400);
    expect(extra.body.error.details.info).toContain("pricing_mode");
    expectEnvelope(await call("POST", "/tenants", { raw: "{}", type: "text/plain" }), 415);
    expectEnvelope(await call("POST", "/tenants", { raw: "{not json" }), 400);
    expectEnvelope(await call("GET", "/tenants/not-a-uuid"), 400);
    expectEnvelope(await call("GET", "/tenants/00000000-0000-4000-8000-000000000000"), 404);
    expectEnvelope(await call("GET", "/no/such/endpoint"), 404);
    expectEnvelope(await call("PATCH", `/tenants/${sim.rootTenantId}`), 405);
    const unit = await call("POST", "/tenants", {
      body: { name: "U", parent_id: sim.rootTenantId, kind: "unit" },
    });
    expectEnvelope(unit, 400);
  });

  it("creates tenants with 201, the documented defaults and timestamp format", async () => {
    const t = await call("POST", "/tenants", {
      body: {
        name: "Contoso",
        parent_id: sim.rootTenantId,
        kind: "partner",
        internal_tag: "mkt:1",
        contact: { email: "a@b.c" },
      },
    });
    expect(t.status).toBe(201);
    expect(t.body).toMatchObject({
      version: 1,
      enabled: true,
      kind: "partner",
      pricing_mode: "production",
      ancestral_access: true,
      customer_type: "default",
      internal_tag: "mkt:1",
      default_idp_id: "11111111-1111-1111-1111-111111111111",
      contact: { email: "a@b.c", firstname: null },
    });
    expect(t.body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    const mfa = await call("PUT", `/tenants/${t.body.id}/mfa/status`, { body: { enabled: true } });
    expect(mfa.status).toBe(200);
    expect(mfa.body).toEqual({
      mfa_status: "enabled",
      users_with_totp_enabled_count: 0,
      users_count: 0,
      update_allowed: true,
    });
    expect((await call("GET", `/tenants/${t.body.id}`)).body.mfa_status).toBe("enabled");
    const dup = await call("POST", "/tenants", {
      body: { name: "contoso", parent_id: sim.rootTenantId, kind: "partner" },
    });
    expectEnvelope(dup, 409);
  });

  it("bumps version on PUT, rejects a stale version with 409, and deletes only disabled tenants", async () => {
    const t = await newPartner("Versioned");
    const put = await call("PUT", `/tenants/${t.id}`, { body: { name: "Versioned 2", version: 1 } });
    expect(put.status).toBe(200);
    expect(put.body.version).toBe(2);
    expectEnvelope(await call("PUT", `/tenants/${t.id}`, { body: { enabled: false, version: 1 } }), 409);

    const enabledDelete = await call("DELETE", `/tenants/${t.id}?version=2`);
    expectEnvelope(enabledDelete, 400);
    expect(enabledDelete.body.error.code).toBe(1006);
    expectEnvelope(await call("DELETE", `/tenants/${t.id}`), 400);

    const disabled = await call("PUT", `/tenants/${t.id}`, { body: { enabled: false, version: 2 } });
    expect(disabled.body.version).toBe(3);
    expectEnvelope(await call("DELETE", `/tenants/${t.id}?version=2`), 409);
    const del = await call("DELETE", `/tenants/${t.id}?version=3`);
    expect(del.status).toBe(204);
    expect(del.body).toBeNull();
    expectEnvelope(await call("GET", `/tenants/${t.id}`), 404);
    const deleted = await call("GET", `/tenants/${t.id}?allow_deleted=true`);
    expect(deleted.body.deleted_at).toEqual(expect.any(String));
  });

  it("paginates with an opaque cursor and honours lod", async () => {
    const parent = await newPartner("Pager");
    for (let i = 0; i < 5; i++) {
      await call("POST", "/tenants", {
        body: { name: `Child ${i}`, parent_id: parent.id, kind: "customer" },
      });
    }
    const seen: string[] = [];
    let res = await call("GET", `/tenants?parent_id=${parent.id}&limit=2&lod=basic`);
    expect(res.body.items[0]).toEqual(expect.objectContaining({ name: "Child 0", kind: "customer" }));
    expect(res.body.items[0].pricing_mode).toBeUndefined();
    for (;;) {
      seen.push(...res.body.items.map((t: { id: string }) => t.id));
      const after = res.body.paging?.cursors?.after;
      if (!after) break;
      res = await call("GET", `/tenants?after=${encodeURIComponent(after)}`);
      expect(res.body.items.every((t: { pricing_mode?: string }) => t.pricing_mode === undefined)).toBe(true);
    }
    expect(new Set(seen).size).toBe(5);
    expectEnvelope(await call("GET", `/tenants?parent_id=${parent.id}&uuids=${parent.id}`), 400);
    const children = await call("GET", `/tenants/${parent.id}/children`);
    expect(children.body.items).toHaveLength(5);
  });
});

describe("pricing, billing settings, offering items", () => {
  it("switches trial → production once and never back", async () => {
    const partner = await newPartner("Pricing Co");
    const customer = await call("POST", "/tenants", {
      body: { name: "Trial Cust", parent_id: partner.id, kind: "customer" },
    });
    const pricing = await call("GET", `/tenants/${customer.body.id}/pricing`);
    expect(pricing.body).toMatchObject({ mode: "trial", production_start_date: "2025-05-01T00:00:00" });
    const prod = await call("PUT", `/tenants/${customer.body.id}/pricing`, {
      body: { mode: "production", version: pricing.body.version },
    });
    expect(prod.status).toBe(200);
    expect(prod.body.mode).toBe("production");
    expect(prod.body.version).toBeGreaterThan(pricing.body.version);
    expectEnvelope(
      await call("PUT", `/tenants/${customer.body.id}/pricing`, {
        body: { mode: "trial", version: prod.body.version },
      }),
      400,
    );
    expectEnvelope(
      await call("PUT", `/tenants/${customer.body.id}/pricing`, { body: { mode: "production", version: 1 } }),
      409,
    );
    // A partner starts in production; it may enter trial while it never left one.
    const fresh = await call("GET", `/tenants/${partner.id}/pricing`);
    const trial = await call("PUT", `/tenants/${partner.id}/pricing`, {
      body: { mode: "trial", version: fresh.body.version },
    });
    expect(trial.body.mode).toBe("trial");
    const live = await call("PUT", `/tenants/${partner.id}/pricing`, {
      body: { mode: "production", version: trial.body.version },
    });
    expect(live.body.mode).toBe("production");
    expectEnvelope(
      await call("PUT", `/tenants/${partner.id}/pricing`, {
        body: { mode: "trial", version: live.body.version },
      }),
      400,
    );
  });

  it("reads and writes tier_level_value and licensing_mode on the platform application", async () => {
    const partner = await newPartner("Tiered");
    const apps = await call("GET", "/applications");
    const platform = apps.body.items.find((a: { type: string }) => a.type === "platform").id;
    const base = `/applications/${platform}/settings/tenants/${partner.id}`;
    expect((await call("GET", `${base}/tier_level_value`)).body.own).toBeNull();
    const put = await call("PUT", `${base}/tier_level_value`, { body: { value: 2 } });
    expect(put.body).toMatchObject({ name: "tier_level_value", own: { value: 2 }, effective: { value: 2 } });
    expectEnvelope(await call("PUT", `${base}/tier_level_value`, { body: { value: 7 } }), 400);
    expectEnvelope(await call("PUT", `${base}/tier_level_value`, { body: { value: 1, extra: 1 } }), 400);
    expect((await call("PUT", `${base}/licensing_mode`, { body: { value: "per_gb" } })).status).toBe(200);
    expectEnvelope(await call("PUT", `${base}/contract_type`, { body: { value: "x" } }), 403);
  });

  it("enables offering items from available_for_child and enforces quota versions with 426", async () => {
    const partner = await newPartner("OI Co");
    const avail = await call(
      "GET",
      `/tenants/${sim.rootTenantId}/offering_items/available_for_child?kind=partner&edition=*`,
    );
    // 21 offering items; the two backup-storage items also exist on the Azure and partner-owned storage.
    expect(avail.body.items.length).toBe(25);
    const storage = avail.body.items.filter((i: { name: string }) => i.name === "pw_base_storage");
    expect(storage.map((i: { infra_id: string }) => i.infra_id)).toEqual([
      ACRONIS_INFRA_ID,
      AZURE_INFRA_ID,
      PARTNER_INFRA_ID,
    ]);
    const legacyOnly = await call(
      "GET",
      `/tenants/${sim.rootTenantId}/offering_items/available_for_child?kind=partner`,
    );
    expect(legacyOnly.body.items.map((i: { name: string }) => i.name)).toEqual(["local_storage"]);
    const servers = avail.body.items.find((i: { name: string }) => i.name === "pw_base_servers");
    const put = await call("PUT", `/tenants/${partner.id}/offering_items`, {
      body: { offering_items: [{ ...servers, quota: { value: 20, overage: 0, version: 0 } }] },
    });
    expect(put.status).toBe(200);
    const newVersion = put.body.items[0].quota.version;
    expect(newVersion).toBeGreaterThan(0);
    const stale = await call("PUT", `/tenants/${partner.id}/offering_items`, {
      body: {
        offering_items: [
          {
            application_id: servers.application_id,
            name: "pw_base_servers",
            quota: { value: 30, overage: 0, version: 0 },
          },
        ],
      },
    });
    expectEnvelope(stale, 426);
    const fresh = await call("PUT", `/tenants/${partner.id}/offering_items`, {
      body: {
        offering_items: [
          {
            application_id: servers.application_id,
            name: "pw_base_servers",
            quota: { value: 30, overage: 0, version: newVersion },
          },
        ],
      },
    });
    expect(fresh.body.items[0].quota.value).toBe(30);
    const child = await call("POST", "/tenants", {
      body: { name: "OI Cust", parent_id: partner.id, kind: "customer" },
    });
    const notOnParent = await call("PUT", `/tenants/${child.body.id}/offering_items`, {
      body: { offering_items: [{ application_id: servers.application_id, name: "pw_base_vms", status: 1 }] },
    });
    expectEnvelope(notOnParent, 400);
    const storageNoInfra = await call("PUT", `/tenants/${partner.id}/offering_items`, {
      body: {
        offering_items: [{ application_id: servers.application_id, name: "pw_base_storage", status: 1 }],
      },
    });
    expectEnvelope(storageNoInfra, 400);
  });
});

describe("users", () => {
  it("checks logins, creates a partner admin and records the activation email", async () => {
    const partner = await newPartner("Users Co");
    expect((await call("GET", "/users/check_login?username=dana@users.example")).status).toBe(204);
    expect((await call("GET", "/users/check_login?username=a")).status).toBe(406);
    const user = await call("POST", "/users", {
      body: {
        tenant_id: partner.id,
        login: "dana@users.example",
        contact: { email: "dana@users.example", firstname: "Dana" },
      },
    });
    expect(user.status).toBe(200);
    expect(user.body).toMatchObject({ version: 1, activated: false, personal_tenant_id: null });
    expect(user.body.created_at).toMatch(/\.\d{6}\+00:00$/);
    expectEnvelope(await call("GET", "/users/check_login?username=DANA@users.example"), 409);
    expectEnvelope(
      await call("POST", "/users", { body: { tenant_id: partner.id, login: "dana@users.example" } }),
      409,
    );

    const zero = "00000000-0000-0000-0000-000000000000";
    const policy = {
      id: zero,
      issuer_id: zero,
      trustee_id: user.body.id,
      trustee_type: "user",
      tenant_id: partner.id,
      version: 0,
    };
    const policies = await call("PUT", `/users/${user.body.id}/access_policies`, {
      body: { items: [{ ...policy, role_id: "partner_admin" }] },
    });
    expect(policies.status).toBe(200);
    expect(policies.body.items[0]).toMatchObject({ role_id: "partner_admin", version: 1 });
    expect(policies.body.items[0].id).not.toBe(zero);
    const wrongRole = await call("PUT", `/users/${user.body.id}/access_policies`, {
      body: { items: [{ ...policy, role_id: "company_admin" }] },
    });
    expectEnvelope(wrongRole, 400);

    const mail = await call("POST", `/users/${user.body.id}/send-activation-email`, { raw: "" });
    expect(mail.status).toBe(204);
    const state = await sim.control<{ activation_emails: Array<{ user_id: string; email: string }> }>(
      "GET",
      "state",
    );
    expect(state.activation_emails).toContainEqual(
      expect.objectContaining({ user_id: user.body.id, email: "dana@users.example" }),
    );
  });
});

describe("usage", () => {
  it("generates deterministic usage for a customer's SKU subset and applies overrides", async () => {
    const partner = await newPartner("Usage Co");
    const customer = await sim.control<{ id: string; skus: string[] }>("POST", "tenants", {
      parent_id: partner.id,
      name: "Usage Cust",
      skus: ["pw_base_workstations", "pw_base_storage", "pw_base_adv_dr_compute_points"],
    });
    const read = async () =>
      (await call("GET", `/tenants/usages?tenants=${customer.id}`)).body.items[0].usages as Json[];
    const first = await read();
    expect(await read()).toEqual(first);
    const byName = (rows: Json[], name: string) => rows.find((r) => r.name === name);
    const ws = byName(first, "pw_base_workstations");
    expect(ws).toMatchObject({
      usage_name: "workstations",
      range_start: "2025-03-01T00:00:00",
      offering_item: { status: 1 },
    });
    expect(ws.value).toBeGreaterThanOrEqual(5);
    expect(ws.value).toBeLessThanOrEqual(80);
    expect(Number.isInteger(ws.tenant_id)).toBe(true);
    const storageGb = byName(first, "pw_base_storage").value / 2 ** 30;
    expect(storageGb).toBeGreaterThan(90);
    expect(storageGb).toBeLessThan(1000);
    const cp = byName(first, "pw_base_adv_dr_compute_points");
    expect(cp.absolute_value).toBeGreaterThanOrEqual(cp.value);
    expect(byName(first, "pw_base_servers")?.value ?? 0).toBe(0);

    const partnerRows = (await call("GET", `/tenants/${partner.id}/usages`)).body.items;
    expect(byName(partnerRows, "pw_base_workstations")?.value).toBe(ws.value);

    await sim.control("POST", "usage", {
      tenant_id: customer.id,
      usage_name: "servers",
      from: "2025-03-10",
      value: 7,
    });
    expect(byName(await read(), "pw_base_servers").value).toBe(7);
  });

  it("rejects more than 100 tenants per usage call", async () => {
    const ids = Array.from({ length: 101 }, () => sim.rootTenantId).join(",");
    expectEnvelope(await call("GET", `/tenants/usages?tenants=${ids}`), 400);
  });

  it("builds a gzip json_v2_0 daily report after an in_progress phase", async () => {
    const partner = await newPartner("Report Co");
    const customer = await sim.control<{ id: string }>("POST", "tenants", {
      parent_id: partner.id,
      name: "Report Cust",
      skus: ["pw_base_workstations", "pw_base_storage"],
      usage_since: "2025-01-01",
    });
    const report = await call("POST", "/reports", {
      body: {
        recipients: [],
        result_action: "save",
        parameters: {
          kind: "usage_daily",
          tenant_id: sim.rootTenantId,
          level: "all_customers",
          period: { start: "2025-02-01", end: "2025-02-28" },
          formats: ["json_v2_0"],
          hide_zero_usage: true,
        },
        schedule: { type: "once" },
      },
    });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ version: 1, schedule: { type: "once", enabled: true } });
    const stored = await call("GET", `/reports/${report.body.id}/stored`);
    expect(stored.body.items[0].status).toBe("in_progress");
    await new Promise((r) => setTimeout(r, 80));
    const saved = await call("GET", `/reports/${report.body.id}/stored`);
    expect(saved.body.items[0].status).toBe("saved");
    const file = await fetch(`${sim.url}/api/2/reports/${report.body.id}/stored/${saved.body.items[0].id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(file.headers.get("content-type")).toBe("application/octet-stream");
    const doc = JSON.parse(gunzipSync(Buffer.from(await file.arrayBuffer())).toString("utf8"));
    expect(doc.params).toMatchObject({ kind: 4, begin_date: Date.UTC(2025, 1, 1) / 1000 });
    const rows = doc.tenants.filter((r: { tenant_uuid: string }) => r.tenant_uuid === customer.id);
    expect(rows).toHaveLength(28 * 2);
    const feb10 = rows.find(
      (r: { range: { start: string }; name: string }) =>
        r.range.start === "2025-02-10" && r.name === "pw_base_workstations",
    );
    expect(feb10.value).toBeGreaterThanOrEqual(5);

    const { parameters } = report.body;
    const future = await call("POST", "/reports", {
      body: {
        recipients: [],
        result_action: "save",
        schedule: { type: "once" },
        parameters: { ...parameters, period: { start: "2025-03-01", end: "2025-03-31" } },
      },
    });
    expectEnvelope(future, 400);
  });
});

describe("tenant trees, infrastructures, conflicts, MFA", () => {
  type Sim = { id: string; name: string };
  const create = (body: Record<string, unknown>) => sim.control<Sim>("POST", "tenants", body);

  /** partner → {folder → customer, sub-partner → trial customer, direct customer} */
  async function partnerTree(prefix: string) {
    const partner = await create({ parent_id: sim.rootTenantId, name: `${prefix} Partner`, kind: "partner" });
    const folder = await create({ parent_id: partner.id, name: `${prefix} Folder`, kind: "folder" });
    const sub = await create({ parent_id: partner.id, name: `${prefix} Sub-partner`, kind: "partner" });
    const direct = await create({ parent_id: partner.id, name: `${prefix} Direct` });
    const inFolder = await create({ parent_id: folder.id, name: `${prefix} In folder` });
    const underSub = await create({ parent_id: sub.id, name: `${prefix} Under sub`, pricing_mode: "trial" });
    return { partner, folder, sub, direct, inFolder, underSub };
  }

  async function allPages(first: string): Promise<Json[]> {
    const items: Json[] = [];
    let res = await call("GET", first);
    for (;;) {
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      const after = res.body.paging?.cursors?.after;
      if (!after) return items;
      res = await call("GET", `/tenants?after=${encodeURIComponent(after)}`);
    }
  }

  it("lists a partner's whole subtree level by level, folders and sub-partners included, page by page", async () => {
    const t = await partnerTree("Tree");
    const items = await allPages(
      `/tenants?subtree_root_id=${t.partner.id}&limit=2&lod=basic&include_relative_path=true`,
    );
    expect(items.map((i) => i.name)).toEqual([
      "Tree Partner",
      "Tree Folder",
      "Tree Sub-partner",
      "Tree Direct",
      "Tree In folder",
      "Tree Under sub",
    ]);
    expect(items.map((i) => i.kind)).toEqual([
      "partner",
      "folder",
      "partner",
      "customer",
      "customer",
      "customer",
    ]);
    // The path runs from the API client's tenant down to the parent.
    expect(items.find((i) => i.id === t.inFolder.id).path).toEqual([
      sim.rootTenantId,
      t.partner.id,
      t.folder.id,
    ]);
    const direct = await call("GET", `/tenants?parent_id=${t.partner.id}`);
    expect(direct.body.items.map((i: Json) => i.name)).toEqual([
      "Tree Folder",
      "Tree Sub-partner",
      "Tree Direct",
    ]);
    expect(direct.body.items.every((i: Json) => i.has_children === (i.kind !== "customer"))).toBe(true);
  });

  it("lists the first tenant a fresh simulator creates once (its index is built by that create)", async () => {
    const fresh = await startSimulator({ port: 0, dataDir: null });
    try {
      const partner = await fresh.control<Sim>("POST", "tenants", {
        parent_id: fresh.rootTenantId,
        name: "First Partner",
        kind: "partner",
      });
      const res = await fetch(`${fresh.url}/api/2/tenants?parent_id=${fresh.rootTenantId}`, {
        headers: { authorization: `Bearer ${await issueToken(fresh)}` },
      });
      const body = (await res.json()) as { items: { id: string }[] };
      expect(body.items.filter((i) => i.id === partner.id)).toHaveLength(1);
    } finally {
      await fresh.stop();
    }
  });

  it("keeps the parent index current when a tenant moves or is deleted", async () => {
    const t = await partnerTree("Move");
    const moved = await call("PUT", `/tenants/${t.direct.id}`, {
      body: { parent_id: t.folder.id, version: 1 },
    });
    expect(moved.status).toBe(200);
    const names = async (q: string) => (await allPages(`/tenants?${q}`)).map((i) => i.name);
    expect(await names(`parent_id=${t.partner.id}`)).toEqual(["Move Folder", "Move Sub-partner"]);
    // Children stay in creation order, wherever they came from.
    expect(await names(`parent_id=${t.folder.id}`)).toEqual(["Move Direct", "Move In folder"]);
    expect(await names(`subtree_root_id=${t.partner.id}`)).toEqual([
      "Move Partner",
      "Move Folder",
      "Move Sub-partner",
      "Move Direct",
      "Move In folder",
      "Move Under sub",
    ]);
    await call("PUT", `/tenants/${t.underSub.id}`, { body: { enabled: false, version: 1 } });
    expect((await call("DELETE", `/tenants/${t.underSub.id}?version=2`)).status).toBe(204);
    expect(await names(`parent_id=${t.sub.id}`)).toEqual([]);
    expect(await names(`parent_id=${t.sub.id}&allow_deleted=true`)).toEqual(["Move Under sub"]);
    expect((await call("GET", `/tenants/${t.sub.id}`)).body.has_children).toBe(false);
  });

  it("starts a trial customer in trial with its production start date ahead", async () => {
    const t = await partnerTree("Trial");
    const trial = (await call("GET", `/tenants/${t.underSub.id}`)).body;
    expect(trial).toMatchObject({ pricing_mode: "trial", production_start_date: "2025-05-01T00:00:00" });
    expect((await call("GET", `/tenants/${t.direct.id}`)).body.pricing_mode).toBe("production");
    const dated = await create({
      parent_id: t.folder.id,
      name: "Trial Dated",
      pricing_mode: "trial",
      production_start_date: "2025-04-10",
    });
    expect((await call("GET", `/tenants/${dated.id}`)).body).toMatchObject({
      pricing_mode: "trial",
      production_start_date: "2025-04-10T00:00:00",
    });
  });

  it("serves three storage infrastructures and reports storage usage per infrastructure", async () => {
    const ids = (await call("GET", `/tenants/${sim.rootTenantId}/infra`)).body.infras;
    expect(ids).toEqual(expect.arrayContaining([ACRONIS_INFRA_ID, AZURE_INFRA_ID, PARTNER_INFRA_ID]));
    const infras = (await call("GET", `/infra?uuids=${ids.join(",")}`)).body.items as Json[];
    const byId = (id: string) => infras.find((i) => i.id === id);
    expect(byId(ACRONIS_INFRA_ID)).toMatchObject({
      platform_owned: true,
      backend_type: "acronis",
      readonly: true,
    });
    expect(byId(AZURE_INFRA_ID)).toMatchObject({
      name: "Microsoft Azure",
      platform_owned: true,
      backend_type: "azure",
      capabilities: ["backup"],
    });
    expect(byId(PARTNER_INFRA_ID)).toMatchObject({
      platform_owned: false,
      owner_tenant_id: sim.rootTenantId,
      readonly: false,
    });
    expectEnvelope(await call("GET", `/infra?uuids=${sim.rootTenantId}`), 404);

    const t = await partnerTree("Infra");
    const customer = await create({
      parent_id: t.folder.id,
      name: "Two storages",
      skus: ["pw_base_workstations"],
    });
    const GIB = 2 ** 30;
    const setUsage = (body: Record<string, unknown>) =>
      sim.control("POST", "usage", { tenant_id: customer.id, ...body });
    await setUsage({ usage_name: "pw_base_storage", value: 50 * GIB });
    await setUsage({ usage_name: "pw_base_storage", infra_id: AZURE_INFRA_ID, value: 30 * GIB });
    await setUsage({ usage_name: "storage", infra_id: PARTNER_INFRA_ID, value: 20 * GIB });
    await setUsage({ usage_name: "pg_base_workstations", value: 4 });
    await expect(
      setUsage({ usage_name: "pw_base_storage", infra_id: sim.rootTenantId, value: 1 }),
    ).rejects.toThrow(/400/);
    const rows = (await call("GET", `/tenants/usages?tenants=${customer.id}`)).body.items[0].usages as Json[];
    const storage = rows.filter((r) => r.name === "pw_base_storage");
    expect(storage.map((r) => [r.infra_id, r.value / GIB])).toEqual([
      [ACRONIS_INFRA_ID, 50],
      [AZURE_INFRA_ID, 30],
      [PARTNER_INFRA_ID, 20],
    ]);
    expect(rows.find((r) => r.name === "pg_base_workstations")).toMatchObject({
      edition: "pck_per_gigabyte",
      usage_name: "workstations",
      value: 4,
    });
    // The partner's own usage sums its whole subtree, storage by storage.
    const partnerRows = (await call("GET", `/tenants/${t.partner.id}/usages`)).body.items as Json[];
    const azure = partnerRows.find((r) => r.name === "pw_base_storage" && r.infra_id === AZURE_INFRA_ID);
    expect(azure.value).toBe(30 * GIB);

    const own = await sim.control<Json>("POST", "infra", {
      name: "Infra Partner's gateway",
      owner_tenant_id: t.partner.id,
    });
    expect(own).toMatchObject({ platform_owned: false, owner_tenant_id: t.partner.id, backend_type: null });
    expect((await call("GET", `/tenants/${t.partner.id}/infra`)).body.infras).toContain(own.id);
    expect((await call("GET", `/tenants/${sim.rootTenantId}/infra`)).body.infras).not.toContain(own.id);
    const items = (await call("GET", `/tenants/${t.partner.id}/offering_items?edition=*&status=1`)).body
      .items;
    expect(items.filter((i: Json) => i.infra_id === own.id).map((i: Json) => i.name)).toEqual([
      "pw_base_storage",
      "pg_base_storage",
    ]);
  });

  it("answers conflicts with Acronis's codes: 1001 for a stale version, 1004 for a sibling's name", async () => {
    const t = await partnerTree("Conflict");
    const stale = await call("PUT", `/tenants/${t.direct.id}`, { body: { name: "X", version: 7 } });
    expectEnvelope(stale, 409);
    expect(stale.body.error).toMatchObject({ code: 1001, message: "Version mismatch" });
    const twin = await call("POST", "/tenants", {
      body: { name: "conflict FOLDER", parent_id: t.partner.id, kind: "customer" },
    });
    expectEnvelope(twin, 409);
    expect(twin.body.error).toMatchObject({ code: 1004, message: "Tenant name conflict" });
    const rename = await call("PUT", `/tenants/${t.direct.id}`, {
      body: { name: "Conflict Sub-partner", version: 1 },
    });
    expect(rename.body.error.code).toBe(1004);
    // The same name elsewhere in the tree is fine.
    const elsewhere = await call("POST", "/tenants", {
      body: { name: "Conflict Folder", parent_id: t.folder.id, kind: "customer" },
    });
    expect(elsewhere.status).toBe(201);
  });

  it("reads and sets a tenant's MFA status; a unit inherits its customer's", async () => {
    const t = await partnerTree("Mfa");
    const unit = await create({ parent_id: t.direct.id, name: "Mfa Unit", kind: "unit" });
    expect((await call("GET", `/tenants/${t.direct.id}/mfa/status`)).body).toEqual({
      mfa_status: "disabled",
      users_with_totp_enabled_count: 0,
      users_count: 0,
      update_allowed: true,
    });
    const on = await call("PUT", `/tenants/${t.direct.id}/mfa/status`, { body: { enabled: true } });
    expect(on.body.mfa_status).toBe("enabled");
    expect((await call("GET", `/tenants/${unit.id}/mfa/status`)).body).toMatchObject({
      mfa_status: "enabled",
      update_allowed: false,
    });
    expectEnvelope(await call("PUT", `/tenants/${unit.id}/mfa/status`, { body: { enabled: false } }), 400);
    expectEnvelope(
      await call("PUT", `/tenants/${t.direct.id}/mfa/status`, { body: { enabled: "yes" } }),
      400,
    );
  });

  it("reports external_operation_status, including no_operation", async () => {
    const t = await partnerTree("Ops");
    const idle = await create({
      parent_id: t.folder.id,
      name: "Ops Idle",
      external_operation_status: "no_operation",
    });
    expect((await call("GET", `/tenants/${idle.id}`)).body.external_operation_status).toBe("no_operation");
    expect((await call("GET", `/tenants/${t.direct.id}`)).body.external_operation_status).toBeNull();
    const put = await call("PUT", `/tenants/${t.direct.id}`, {
      body: { external_operation_status: "no_operation", version: 1 },
    });
    expect(put.body.external_operation_status).toBe("no_operation");
  });
});

describe("faults and persistence", () => {
  it("injects status faults, Retry-After and latency for matching calls only", async () => {
    await sim.control("POST", "faults", {
      status: 429,
      retry_after: 3,
      path: `/tenants/${sim.rootTenantId}`,
      count: 1,
    });
    const limited = await call("GET", `/tenants/${sim.rootTenantId}`);
    expectEnvelope(limited, 429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect((await call("GET", `/tenants/${sim.rootTenantId}`)).status).toBe(200);
    await sim.control("POST", "faults", { status: 503, method: "POST", count: 2 });
    expect((await call("GET", `/tenants/${sim.rootTenantId}`)).status).toBe(200);
    await sim.control("DELETE", "faults");
  });

  it("persists state across restarts and reproduces the same usage", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "acronis-sim-"));
    try {
      const a = await startSimulator({ dataDir: dir, now: () => NOW });
      const aToken = await issueToken(a);
      const parent = await a.control<{ tenants: Array<{ id: string; kind: string }> }>("GET", "state");
      const customer = await a.control<{ id: string }>("POST", "tenants", {
        parent_id: a.rootTenantId,
        name: "Persisted",
      });
      const usage = async (s: Simulator, tok: string) =>
        (await (
          await fetch(`${s.url}/api/2/tenants/${customer.id}/usages`, {
            headers: { authorization: `Bearer ${tok}` },
          })
        ).json()) as unknown;
      const before = await usage(a, aToken);
      await a.stop();

      const b = await startSimulator({ dataDir: dir, now: () => NOW });
      expect(b.clientId).toBe(a.clientId);
      expect(b.clientSecret).toBe(a.clientSecret);
      expect(b.rootTenantId).toBe(a.rootTenantId);
      expect(await usage(b, aToken)).toEqual(before);
      const state = await b.control<{ tenants: Array<{ id: string }> }>("GET", "state");
      expect(state.tenants.map((t) => t.id)).toContain(customer.id);
      expect(state.tenants.length).toBe(parent.tenants.length + 1);
      // The parent index is rebuilt from the file: the new customer is listed under its parent.
      const children = (await (
        await fetch(`${b.url}/api/2/tenants?parent_id=${b.rootTenantId}`, {
          headers: { authorization: `Bearer ${aToken}` },
        })
      ).json()) as { items: Array<{ id: string }> };
      expect(children.items.map((t) => t.id)).toContain(customer.id);
      await b.stop();

      // A file from the one-storage simulator: no infrastructures, overrides without infra_id.
      const file = path.join(dir, "state.json");
      const old = JSON.parse(readFileSync(file, "utf8"));
      delete old.infras;
      old.overrides = [{ tenantId: customer.id, name: "pw_base_storage", from: "2025-03-01", value: 5 }];
      writeFileSync(file, JSON.stringify(old));
      const c = await startSimulator({ dataDir: dir, now: () => NOW });
      const upgraded = await c.control<{ infras: Array<{ id: string }> }>("GET", "state");
      expect(upgraded.infras.map((i) => i.id)).toEqual([ACRONIS_INFRA_ID, AZURE_INFRA_ID, PARTNER_INFRA_ID]);
      const rows = (await usage(c, aToken)) as {
        items: Array<{ name: string; infra_id?: string; value: number }>;
      };
      expect(rows.items.find((r) => r.name === "pw_base_storage")).toMatchObject({
        infra_id: ACRONIS_INFRA_ID,
        value: 5,
      });
      await c.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
