import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "@/db/schema";
import { ENV_DATACENTER_ID } from "@/db/schema/acronis";
import { seedDatabase } from "@/db/seed";
import type { CurrentUser } from "@/lib/auth/guard";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import {
  callerFor,
  csvRecords,
  csvRows,
  expectPages,
  idsBySql,
  resellerValues,
  sameCsvEveryBatchSize,
  timestamptz,
  walkList,
} from "@/tests/lists";
import { exportProvisioningList, listProvisioningPage, provisioningListSpec } from "./provisioning-list";

// /admin/provisioning (issue 16): every job once across pages both ways, its filters, search and export.
const db = () => globalThis.testDb.db;
const MARK = `Prv${randomUUID().slice(0, 6)}`;

const auth = vi.hoisted(() => ({ caller: null as CurrentUser | null }));
vi.mock("@/lib/auth/guard", async () => (await import("@/tests/lists")).pinnedGuard(auth));

const route = await import("@/app/(admin)/admin/provisioning/export/route");

// Ties on the created instant (two a microsecond apart, one a month later), across three days.
const instants = ["2026-03-01 10:00:00.123456+00", "2026-03-01 10:00:00.123457+00", "2026-04-02 23:59:59+00"];
const statuses = ["queued", "running", "succeeded", "failed"] as const;
const kinds = ["provision", "tier_change", "suspend", "resume", "cancel", "convert"] as const;

type Fixture = { i: number; reseller: number; status: string; kind: string; day: string; datacenter: string };
const fixtures: Fixture[] = [];
let secondDc = "";

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
  const [dc] = await db()
    .insert(s.acronisDatacenters)
    .values({
      name: `${MARK} EU2`,
      baseUrl: "https://eu2-cloud.example",
      clientId: "client",
      clientSecretEnc: "sealed",
    })
    .returning({ id: s.acronisDatacenters.id });
  secondDc = dc!.id;
  const [tier] = await db().select({ id: s.tiers.id }).from(s.tiers).where(eq(s.tiers.code, "T1"));
  const resellers = await db()
    .insert(s.resellers)
    .values(
      Array.from({ length: 8 }, (_, i) =>
        resellerValues(MARK, i, {
          name: `${MARK} Reseller ${i}`,
          legalName: `${MARK} Legal ${i}`,
          acronisAdminLogin: `${MARK.toLowerCase()}-login-${i}`,
          datacenterId: i % 2 ? secondDc : ENV_DATACENTER_ID,
        }),
      ),
    )
    .returning({ id: s.resellers.id });
  const contracts = await db()
    .insert(s.contracts)
    .values(
      resellers.map((r, i) => ({
        resellerId: r.id,
        state: i === 3 ? ("provisioning_failed" as const) : ("active" as const),
        currency: "EUR",
        tierId: tier!.id,
      })),
    )
    .returning({ id: s.contracts.id });
  const jobs = Array.from({ length: 24 }, (_, i) => {
    const reseller = i % 8;
    const status = statuses[i % 4]!;
    const kind = kinds[i % 6]!;
    const instant = instants[i % 3]!;
    fixtures.push({
      i,
      reseller,
      status,
      kind,
      day: instant.slice(0, 10),
      datacenter: reseller % 2 ? secondDc : ENV_DATACENTER_ID,
    });
    return {
      contractId: contracts[reseller]!.id,
      kind,
      status,
      attempts: i % 3,
      lastError: status === "failed" ? `create_admin_user: 409 Login ${i} is taken` : null,
      createdAt: timestamptz(instant),
      updatedAt: timestamptz(instant),
    };
  });
  const inserted = await db()
    .insert(s.provisioningJobs)
    .values(jobs)
    .returning({ id: s.provisioningJobs.id });
  // Steps: a failed job stopped at its second step; a running one waits to retry its first; a succeeded one
  // finished both.
  await db()
    .insert(s.provisioningSteps)
    .values(
      inserted.flatMap((job, i): (typeof s.provisioningSteps.$inferInsert)[] => {
        const status = statuses[i % 4];
        if (status === "failed")
          return [
            { jobId: job.id, step: "find_or_create_tenant", position: 0, status: "succeeded" as const },
            { jobId: job.id, step: "create_admin_user", position: 1, status: "failed" as const },
          ];
        if (status === "running")
          return [{ jobId: job.id, step: "find_or_create_tenant", position: 0, status: "queued" as const }];
        if (status === "succeeded")
          return [
            { jobId: job.id, step: "find_or_create_tenant", position: 0, status: "succeeded" as const },
            { jobId: job.id, step: "create_admin_user", position: 1, status: "succeeded" as const },
          ];
        return [];
      }),
    );
});

async function page(query: SearchParams) {
  return listProvisioningPage(db(), parseListParams(provisioningListSpec, query));
}

const walk = (query: SearchParams) => walkList((cursor) => page({ ...query, ...cursor }));

describe("keyset pages over (created, id)", () => {
  for (const dir of ["asc", "desc"] as const) {
    it(`cover every job once, forward and back, ${dir} with ties`, async () => {
      const expected = await idsBySql(
        `select j.id::text as id from provisioning_jobs j join contracts k on k.id = j.contract_id
           join resellers r on r.id = k.reseller_id where r.name like '${MARK}%' order by j.created_at ${dir}, j.id ${dir}`,
      );
      expect(expected).toHaveLength(24);
      expectPages(await walk({ q: MARK, dir, size: "10" }), expected, [10, 10, 4]);
    });
  }

  it("lists the seeded resellers' jobs too, newest first", async () => {
    const all = await page({ size: "100" });
    expect(all.count.value).toBeGreaterThan(24);
    const created = all.rows.map((r) => r.createdAt.getTime());
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });
});

describe("filters and search", () => {
  it("filters by status, change, datacenter and created dates (UTC days, both ends included)", async () => {
    const cases: [SearchParams, (f: Fixture) => boolean][] = [
      [{ status: "failed" }, (f) => f.status === "failed"],
      [{ kind: "tier_change" }, (f) => f.kind === "tier_change"],
      [{ datacenter: "" }, () => true],
      [{ from: "2026-04-02" }, (f) => f.day >= "2026-04-02"],
      [{ to: "2026-03-01" }, (f) => f.day <= "2026-03-01"],
      [{ from: "2026-03-02", to: "2026-04-01" }, () => false],
      [{ from: "2026-03-01", to: "2026-04-02", status: "running" }, (f) => f.status === "running"],
    ];
    cases.push([{ datacenter: secondDc }, (f) => f.datacenter === secondDc]);
    cases.push([
      { datacenter: ENV_DATACENTER_ID, status: "queued" },
      (f) => f.datacenter === ENV_DATACENTER_ID && f.status === "queued",
    ]);
    for (const [query, match] of cases) {
      const expected = fixtures.filter(match).length;
      const p = await page({ q: MARK, size: "100", ...query });
      expect(p.count, JSON.stringify(query)).toEqual({ value: expected, exact: true });
      for (const r of p.rows) {
        if (query.status) expect(r.status).toBe(query.status);
        if (query.kind) expect(r.kind).toBe(query.kind);
        if (query.datacenter === secondDc) expect(r.datacenter).toBe(`${MARK} EU2`);
      }
    }
  });

  it("finds jobs by the reseller's name or Acronis login, any case", async () => {
    for (const q of [`${MARK} reseller 3`, `${MARK.toUpperCase()}-LOGIN-3`]) {
      const p = await page({ q });
      expect(p.count.value, q).toBe(3);
      for (const r of p.rows) {
        expect(r.reseller).toBe(`${MARK} Reseller 3`);
        expect(r.acronisLogin).toBe(`${MARK.toLowerCase()}-login-3`);
      }
    }
  });

  it("shows the step a job is at and its last error as stored", async () => {
    const rows = (await page({ q: MARK, size: "100" })).rows;
    for (const r of rows) {
      if (r.status === "failed") {
        expect([r.step, r.stepStatus]).toEqual(["create_admin_user", "failed"]);
        expect(r.lastError).toMatch(/^create_admin_user: 409 Login \d+ is taken$/);
      } else if (r.status === "running")
        expect([r.step, r.stepStatus]).toEqual(["find_or_create_tenant", "queued"]);
      else expect(r.step).toBeNull();
    }
    // Reseller 3's contract failed provisioning: its failed jobs lead to the retry on its page.
    const failed = rows.filter((r) => r.reseller === `${MARK} Reseller 3` && r.status === "failed");
    for (const r of failed) expect(r.contractState).toBe("provisioning_failed");
  });

  it("leaves out a bad filter and says why", async () => {
    const p = parseListParams(provisioningListSpec, {
      status: "done",
      datacenter: "eu2",
      from: "2026-02-30",
    });
    expect(p.errors).toEqual({
      status: ["Pick a status from the list."],
      datacenter: ["Pick a datacenter from the list."],
      from: ["Not a calendar date."],
    });
  });
});

describe("export", () => {
  it("has exactly the filtered jobs of every page, in the list's order, whatever the batch size", async () => {
    for (const query of [
      { q: MARK },
      { q: MARK, dir: "asc" },
      { q: MARK, status: "failed", datacenter: secondDc },
    ]) {
      const { ids } = await walk({ ...query, size: "10" });
      const params = parseListParams(provisioningListSpec, query);
      const text = await sameCsvEveryBatchSize((o) => exportProvisioningList(db(), params, o), 3);
      expect(csvRecords(text).map((r) => r.job_id)).toEqual(ids);
    }
  });

  it("is a dated CSV download with each job's columns, refused to a reseller's user", async () => {
    const get = (path: string) => new Request(`http://localhost${path}`);
    auth.caller = await callerFor("support@skyline.example");
    const response = await route.GET(get(`/admin/provisioning/export?q=${MARK}-login-3&status=failed`), {});
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /filename="provisioning-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const rows = await csvRows(response);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows)
      expect(r).toMatchObject({
        reseller: `${MARK} Reseller 3`,
        acronis_login: `${MARK.toLowerCase()}-login-3`,
        datacenter: `${MARK} EU2`,
        status: "failed",
        step: "create_admin_user",
        step_status: "failed",
        contract_state: "provisioning_failed",
      });
    auth.caller = await callerFor("owner@northwind.example");
    expect((await route.GET(get("/admin/provisioning/export"), {})).status).toBe(403);
  });
});
