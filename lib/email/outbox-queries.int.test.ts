import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
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
  TIED_INSTANTS,
  timestamptz,
  walkList,
} from "@/tests/lists";
import { exportOutbox, listOutboxPage, listOutboxTemplates, outboxListSpec } from "./outbox-queries";

// The outbox on the one list pattern (issue 16): pages both ways, filters, search, CSV without bodies.
const db = () => globalThis.testDb.db;
const MARK = `Obx${randomUUID().slice(0, 6)}`;

const auth = vi.hoisted(() => ({ caller: null as CurrentUser | null }));
vi.mock("@/lib/auth/guard", async () => (await import("@/tests/lists")).pinnedGuard(auth));
const route = await import("@/app/(admin)/admin/outbox/export/route");

// 23 emails with ties on the queued instant (microseconds), three templates, four statuses.
const templates = [`${MARK}_invoice`, `${MARK}_reset`, `${MARK}_alert`];
const statuses = ["queued", "sent", "failed", "logged"] as const;
const SECRET = `tok${randomUUID().replaceAll("-", "")}`;

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
  await db()
    .insert(s.emailOutbox)
    .values(
      Array.from({ length: 23 }, (_, i) => ({
        to: `person-${i}@${MARK.toLowerCase()}.example`,
        subject: i === 7 ? `=${MARK} 100% off_now` : `${MARK} Subject ${i}`,
        text: `Reset: https://app.example/reset-password?token=${SECRET}`,
        displayText: "Reset: https://app.example/reset-password?token=[hidden]",
        hiddenSecrets: 1,
        template: templates[i % 3]!,
        status: statuses[i % 4]!,
        createdAt: timestamptz(TIED_INSTANTS[i % 3]!),
      })),
    );
  const [first] = await db()
    .select({ id: s.emailOutbox.id })
    .from(s.emailOutbox)
    .where(eq(s.emailOutbox.subject, `${MARK} Subject 0`));
  await db()
    .insert(s.emailAttachments)
    .values([
      { emailId: first!.id, filename: "a.txt", contentType: "text/plain", content: Buffer.from("a") },
      { emailId: first!.id, filename: "b.txt", contentType: "text/plain", content: Buffer.from("b") },
    ]);
});

const page = (query: SearchParams) => listOutboxPage(db(), parseListParams(outboxListSpec, query));
const subjects = async (query: SearchParams) =>
  (await page({ size: "100", ...query })).rows.map((r) => r.subject);

/** Every page of the outbox both ways (10 a page). */
const walk = (query: SearchParams) => walkList((cursor) => page({ ...query, size: "10", ...cursor }));

describe("the outbox list", () => {
  it("shows 100 a page, newest first, with each email's attachments", async () => {
    expect(parseListParams(outboxListSpec, {}).size).toBe(100);
    const { rows, count } = await page({ q: MARK });
    expect(count).toEqual({ value: 23, exact: true });
    const times = rows.map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(rows.find((r) => r.subject === `${MARK} Subject 0`)!.attachments).toBe(2);
    expect(rows.find((r) => r.subject === `${MARK} Subject 1`)!.attachments).toBe(0);
    // The list never carries a body.
    expect(Object.keys(rows[0]!).sort()).toEqual(
      ["attachments", "createdAt", "id", "subject", "status", "template", "to"].sort(),
    );
  });

  it("pages forward and back over emails queued at one instant, each exactly once, either order", async () => {
    for (const query of [{ q: MARK }, { q: MARK, dir: "asc" }, { template: templates[1]! }]) {
      const all = (await page({ ...query, size: "100" })).rows.map((r) => r.id);
      expectPages(await walk(query), all);
    }
    expect((await walk({ q: MARK })).forward.map((p) => p.length)).toEqual([10, 10, 3]);
  });

  it("filters by template, status and an inclusive range of queued days", async () => {
    expect(await subjects({ template: templates[2]! })).toHaveLength(7);
    const failed = await page({ q: MARK, status: "failed", size: "100" });
    expect(failed.rows).toHaveLength(6);
    expect(new Set(failed.rows.map((r) => r.status))).toEqual(new Set(["failed"]));
    expect(await subjects({ q: MARK, from: "2026-03-01", to: "2026-03-01" })).toHaveLength(16);
    expect(await subjects({ q: MARK, from: "2026-04-02", to: "2026-03-02" })).toHaveLength(7);
    expect(await subjects({ q: MARK, from: "2026-04-03" })).toEqual([]);
    const bad = parseListParams(outboxListSpec, { status: "bounced", q: MARK });
    expect(bad.errors.status).toEqual(["Pick a status from the list."]);
    expect((await listOutboxPage(db(), bad)).rows).toHaveLength(23);
  });

  it("searches the recipient and the subject, case-insensitive; % and _ match themselves", async () => {
    expect(await subjects({ q: `PERSON-12@${MARK}` })).toEqual([`${MARK} Subject 12`]);
    // Subject 2, 20, 21 and 22.
    expect(await subjects({ q: `${MARK} subject 2` })).toHaveLength(4);
    expect(await subjects({ q: "100% off_" })).toEqual([`=${MARK} 100% off_now`]);
    expect(await subjects({ q: "Subject 1_" })).toEqual([]);
    // Bodies are not searched: a token never finds its email.
    expect(await subjects({ q: SECRET })).toEqual([]);
  });

  it("offers the templates that occur", async () => {
    const all = await listOutboxTemplates(db());
    expect(all).toEqual(expect.arrayContaining(templates));
    expect(all).toEqual([...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});

describe("the outbox export", () => {
  it("has exactly the filtered emails of every page, in order, whatever the batch size", async () => {
    for (const query of [
      { q: MARK },
      { q: MARK, dir: "asc" },
      { template: templates[0]!, status: "queued" },
    ]) {
      const { ids } = await walk(query);
      const params = parseListParams(outboxListSpec, { ...query, size: "10", after: "bm90LWEtY3Vyc29y" });
      const text = await sameCsvEveryBatchSize((o) => exportOutbox(db(), params, o), 4);
      const listed = (await page({ ...query, size: "100" })).rows;
      expect(csvRecords(text).map((r) => r.to)).toEqual(listed.map((r) => r.to));
      expect(csvRecords(text)).toHaveLength(ids.length);
    }
  });

  it("writes what the list shows, never a body or a token", async () => {
    const text = await csvText(exportOutbox(db(), parseListParams(outboxListSpec, { q: MARK })));
    expect(csvHeader(text)).toBe("queued_at,to,subject,template,status,attachments");
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("reset-password");
    const rows = csvRecords(text);
    expect(rows.find((r) => r.subject === `${MARK} Subject 0`)).toEqual({
      queued_at: "2026-03-01T10:00:00.123Z",
      to: `person-0@${MARK.toLowerCase()}.example`,
      subject: `${MARK} Subject 0`,
      template: templates[0],
      status: "queued",
      attachments: "2",
    });
    // A subject a spreadsheet would read as a formula stays text.
    expect(rows.some((r) => r.subject === `'=${MARK} 100% off_now`)).toBe(true);
  });

  it("is a dated, uncached download for back-office readers; refused to a reseller's user", async () => {
    auth.caller = await callerFor("support@skyline.example");
    const response = await route.GET(
      new Request(`http://localhost/admin/outbox/export?q=${MARK}&status=sent&size=10`),
      {},
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="outbox-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const rows = await csvRows(response);
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["sent"]));
    auth.caller = await callerFor("owner@northwind.example");
    expect((await route.GET(new Request("http://localhost/admin/outbox/export"), {})).status).toBe(403);
  });
});

describe("the page", () => {
  const outboxPage = async (query: SearchParams) => {
    const { default: OutboxPage } = await import("@/app/(admin)/admin/outbox/page");
    return renderToStaticMarkup(await OutboxPage({ searchParams: Promise.resolve(query) }));
  };

  it("shows the emails with their filters, sortable Queued column, count, pages and export", async () => {
    auth.caller = await callerFor("support@skyline.example");
    const html = await outboxPage({ q: MARK, size: "10" });
    expect(html).toContain('<caption class="sr-only">Emails</caption>');
    expect(html).toContain(`data-template="${templates[2]}"`);
    expect(html).toMatch(/<th[^>]*aria-sort="descending"/);
    expect(html).toContain(`href="/admin/outbox/export?q=${MARK}"`);
    expect(html).toMatch(/>23 emails</);
    expect(html).toContain('rel="next"');
    expect(html).not.toContain(SECRET);
    const one = await outboxPage({ q: `person-12@${MARK.toLowerCase()}`, template: templates[0]! });
    expect(one).toContain(`${MARK} Subject 12</a>`);
    expect(one).toMatch(/>1 email</);
    expect(await outboxPage({ q: MARK, status: "queued", from: "2026-05-01" })).toContain(
      "No emails match these filters",
    );
  });
});
