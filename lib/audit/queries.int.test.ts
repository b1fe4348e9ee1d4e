import { eq, sql } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import type { CurrentUser } from "@/lib/auth/guard";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import {
  callerFor,
  csvHeader,
  csvRecords,
  csvRows,
  csvText,
  expectPages,
  sameCsvEveryBatchSize,
  timestamptz,
  walkList,
} from "@/tests/lists";
import { systemActor, writeAudit } from "./index";
import { auditChoices, auditListSpec, exportAuditLog, listAuditPage } from "./queries";

// The audit log on the one list pattern (issue 16): pages both ways, filters, search, capped count, CSV.
const db = () => globalThis.testDb.db;

const auth = vi.hoisted(() => ({ caller: null as CurrentUser | null }));
vi.mock("@/lib/auth/guard", async () => (await import("@/tests/lists")).pinnedGuard(auth));
const route = await import("@/app/(admin)/admin/audit/export/route");

let admin: { id: string; name: string; email: string };
let reseller: { id: string; name: string };

/** An entry at a given instant (writeAudit stamps now(); the date filters need known days). */
async function entryAt(at: string, values: Partial<typeof s.auditLog.$inferInsert>) {
  await db()
    .insert(s.auditLog)
    .values({
      at: timestamptz(at),
      actorLabel: "system",
      action: "x.y",
      entityType: "x",
      ...values,
    });
}

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T09:00:00Z") });
  // Only this test's entries: the seed's own sign-ups and orders are not what is checked here.
  await db().delete(s.auditLog);
  const [user] = await db().select().from(s.users).where(eq(s.users.email, "admin@skyline.example"));
  admin = { id: user!.id, name: user!.name, email: user!.email };
  const [r] = await db().select().from(s.resellers).limit(1);
  reseller = { id: r!.id, name: r!.name };
  const asAdmin = { actorUserId: admin.id, actorLabel: admin.email };
  await entryAt("2026-11-01 10:00:00+00", {
    ...asAdmin,
    action: "reseller.updated",
    entityType: "reseller",
    entityId: reseller.id,
    resellerId: reseller.id,
    data: { before: { name: "A" }, after: { name: 'B, "quoted"' }, note: "=1+1" },
  });
  await entryAt("2026-11-02 23:59:59.999999+00", {
    ...asAdmin,
    action: "invoice.paid",
    entityType: "invoice",
    entityId: "5b3f0a5e-0000-4000-8000-000000000001",
  });
  await entryAt("2026-11-03 00:00:00+00", { action: "billing_run.start", entityType: "billing_run" });
  await entryAt("2026-11-04 08:00:00+00", {
    ...asAdmin,
    action: "tax_rate.updated",
    entityType: "tax_rate",
    entityId: "DE",
  });
  // Eleven entries of one transaction: one instant (with microseconds) shared, told apart by id.
  for (let i = 0; i < 11; i++)
    await entryAt("2026-11-05 12:00:00.123456+00", {
      actorLabel: 'API key "CI" (tl_ab…)',
      action: "contract.suspended",
      entityType: "contract",
      entityId: `c-${i}`,
      data: { reason: `batch 100%_${i}` },
    });
  await writeAudit(db(), systemActor, {
    action: "invoice.issue",
    entityType: "invoice",
    entityId: "5b3f0a5e-0000-4000-8000-000000000002",
  });
});

const page = (query: SearchParams) => listAuditPage(db(), parseListParams(auditListSpec, query));

/** Every page of the log both ways. */
const walk = (query: SearchParams) => walkList((cursor) => page({ ...query, ...cursor }));

const actions = async (query: SearchParams) => (await page(query)).rows.map((e) => e.action);

describe("the audit log list", () => {
  it("lists newest first with the actor's name (else the recorded label), 50 a page", async () => {
    const first = await page({});
    expect(first.rows).toHaveLength(16);
    expect(first.rows.map((e) => e.action).slice(0, 3)).toEqual([
      "invoice.issue",
      "contract.suspended",
      "contract.suspended",
    ]);
    expect(first.rows.slice(-4).map((e) => e.action)).toEqual([
      "tax_rate.updated",
      "billing_run.start",
      "invoice.paid",
      "reseller.updated",
    ]);
    expect(first.count).toEqual({ value: 16, exact: true });
    expect(parseListParams(auditListSpec, {}).size).toBe(50);
    const paid = first.rows.find((e) => e.action === "invoice.paid")!;
    expect(paid.actorName).toBe(admin.name);
    expect(first.rows[0]!.actorName).toBe("system");
    expect(first.rows.at(-1)!.resellerName).toBe(reseller.name);
  });

  it("sorts oldest first too", async () => {
    expect((await actions({ dir: "asc" })).slice(0, 3)).toEqual([
      "reseller.updated",
      "invoice.paid",
      "billing_run.start",
    ]);
  });

  it("pages forward and back over entries sharing one instant, each entry exactly once", async () => {
    for (const query of [{ size: "10" }, { size: "10", dir: "asc" }, { size: "10", q: "suspended" }]) {
      const all = (await page({ ...query, size: "100" })).rows.map((e) => e.id);
      expectPages(await walk(query), all);
    }
    expect((await walk({ size: "10" })).forward.map((p) => p.length)).toEqual([10, 6]);
  });

  it("ignores a cursor it did not give out (starts at the first page)", async () => {
    const first = await page({});
    expect((await page({ after: "bm90LWEtY3Vyc29y" })).rows).toEqual(first.rows);
  });

  it("filters by actor: a person by id, or an actor without a user by label", async () => {
    expect(await actions({ actor: admin.id })).toEqual([
      "tax_rate.updated",
      "invoice.paid",
      "reseller.updated",
    ]);
    expect(await actions({ actor: "system" })).toEqual(["invoice.issue", "billing_run.start"]);
  });

  it("filters by kind: an action key or an entity type", async () => {
    expect(await actions({ kind: "invoice.paid" })).toEqual(["invoice.paid"]);
    expect(await actions({ kind: "invoice" })).toEqual(["invoice.issue", "invoice.paid"]);
  });

  it("filters by an inclusive range of UTC days, either way round; a bad day is reported", async () => {
    expect(await actions({ from: "2026-11-02", to: "2026-11-03" })).toEqual([
      "billing_run.start",
      "invoice.paid",
    ]);
    expect(await actions({ from: "2026-11-03", to: "2026-11-02" })).toEqual([
      "billing_run.start",
      "invoice.paid",
    ]);
    const bad = parseListParams(auditListSpec, { from: "yesterday" });
    expect(bad.errors.from).toContain("A date as YYYY-MM-DD.");
    expect((await listAuditPage(db(), bad)).rows).toHaveLength(16);
  });

  it("searches the action (key or words), what changed (id or reseller) and who (email, name, label)", async () => {
    expect(await actions({ q: "tax_rate" })).toEqual(["tax_rate.updated"]);
    // "Marked an invoice paid" is the words of invoice.paid.
    expect(await actions({ q: "marked an invoice" })).toEqual(["invoice.paid"]);
    expect(await actions({ q: "5B3F0A5E-0000-4000-8000-000000000002" })).toEqual(["invoice.issue"]);
    expect(await actions({ q: reseller.name.toUpperCase() })).toEqual(["reseller.updated"]);
    expect(await actions({ q: admin.email })).toHaveLength(3);
    expect(await actions({ q: admin.name })).toHaveLength(3);
    expect(await actions({ q: "API key" })).toHaveLength(11);
    // The entity type's name ("Tax rate").
    expect(await actions({ q: "tax rate" })).toEqual(["tax_rate.updated"]);
    // % and _ are themselves, not wildcards.
    expect(await actions({ q: "c-1%" })).toEqual([]);
    expect(await actions({ q: "c-1", kind: "contract" })).toHaveLength(2);
  });

  it("counts up to the cap, then says it is estimated", async () => {
    await db().execute(sql`
      insert into audit_log (at, actor_label, action, entity_type)
      select timestamptz '2026-10-01 00:00:00+00' + n * interval '1 second', 'bulk', 'bulk.row', 'bulk'
      from generate_series(1, 10001) as n`);
    const many = await page({ kind: "bulk" });
    expect(many.count).toEqual({ value: 10_000, exact: false });
    expect(many.rows).toHaveLength(50);
    expect((await page({ kind: "bulk", to: "2026-10-01" })).count).toEqual({ value: 10_000, exact: false });
    expect((await page({ kind: "invoice" })).count).toEqual({ value: 2, exact: true });
    // A search counts its matches up to a lower cap.
    const searched = await page({ q: "bulk.row" });
    expect(searched.count).toEqual({ value: 1_000, exact: false });
    expect(searched.rows).toHaveLength(50);
    await db().delete(s.auditLog).where(eq(s.auditLog.action, "bulk.row"));
  });

  it("offers staff, actors without a user, actions and entity types as filter choices", async () => {
    const choices = await auditChoices(db());
    expect(choices.actors).toEqual(
      expect.arrayContaining([
        { value: admin.id, name: admin.name },
        { value: "system", name: "system" },
        { value: 'API key "CI" (tl_ab…)', name: 'API key "CI" (tl_ab…)' },
      ]),
    );
    expect(choices.actions).toEqual([
      "billing_run.start",
      "contract.suspended",
      "invoice.issue",
      "invoice.paid",
      "reseller.updated",
      "tax_rate.updated",
    ]);
    expect(choices.entityTypes).toEqual(["billing_run", "contract", "invoice", "reseller", "tax_rate"]);
  });
});

describe("the audit log export", () => {
  it("has exactly the filtered entries of every page, in order, whatever the batch size", async () => {
    for (const query of [{}, { dir: "asc" }, { q: "suspended" }, { actor: admin.id }]) {
      const { ids } = await walk({ ...query, size: "10" });
      const params = parseListParams(auditListSpec, { ...query, size: "10", after: "bm90LWEtY3Vyc29y" });
      const text = await sameCsvEveryBatchSize((o) => exportAuditLog(db(), params, o), 3);
      expect(csvRecords(text).map((r) => Number(r.id))).toEqual(ids);
    }
  });

  it("writes who, what and the values before and after as JSON", async () => {
    const text = await csvText(exportAuditLog(db(), parseListParams(auditListSpec, { kind: "reseller" })));
    expect(csvHeader(text)).toBe(
      "id,at,actor,actor_label,action,what_happened,entity_type,entity_id,reseller,before,after,details",
    );
    const [row] = csvRecords(text);
    expect(row).toMatchObject({
      at: "2026-11-01T10:00:00.000Z",
      actor: admin.name,
      actor_label: admin.email,
      action: "reseller.updated",
      what_happened: "Updated reseller",
      entity_type: "reseller",
      entity_id: reseller.id,
      reseller: reseller.name,
      before: '{"name":"A"}',
      after: '{"name":"B, \\"quoted\\""}',
      details: '{"note":"=1+1"}',
    });
    const issued = await csvRows(
      exportAuditLog(db(), parseListParams(auditListSpec, { kind: "invoice.issue" })),
    );
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ actor: "system", before: "", after: "", details: "" });
  });

  it("is a dated, uncached download for back-office readers; refused to a reseller's user", async () => {
    auth.caller = await callerFor("support@skyline.example");
    const response = await route.GET(new Request("http://localhost/admin/audit/export?kind=contract"), {});
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect((await csvRows(response)).map((r) => r.action)).toEqual(Array(11).fill("contract.suspended"));
    auth.caller = await callerFor("owner@northwind.example");
    expect((await route.GET(new Request("http://localhost/admin/audit/export"), {})).status).toBe(403);
    auth.caller = null;
    expect((await route.GET(new Request("http://localhost/admin/audit/export"), {})).status).toBe(401);
  });
});

describe("the page", () => {
  const auditPage = async (query: SearchParams) => {
    const { default: AuditPage } = await import("@/app/(admin)/admin/audit/page");
    return renderToStaticMarkup(await AuditPage({ searchParams: Promise.resolve(query) }));
  };

  it("shows the log in its table with its filters, order, count, pages and export", async () => {
    auth.caller = await callerFor("support@skyline.example");
    const html = await auditPage({ size: "10" });
    expect(html).toContain('<caption class="sr-only">Audit log</caption>');
    expect(html).toContain("contract.suspended");
    expect(html).toMatch(/<a aria-current="true"[^>]*href="\/admin\/audit\?size=10">Newest first/);
    expect(html).toContain('href="/admin/audit/export"');
    expect(html).toMatch(/>16 entries</);
    expect(html).toContain('rel="next"');
    const filtered = await auditPage({ kind: "invoice", q: "marked" });
    expect(filtered).toMatch(/>1 entry</);
    expect(filtered).toContain('href="/admin/audit/export?q=marked&amp;kind=invoice"');
    expect(filtered).not.toContain("contract.suspended</span>");
    expect(await auditPage({ q: "nothing like this" })).toContain("No entries match these filters");
  });
});
