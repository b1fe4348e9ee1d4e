import { and, count, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { createApiKey } from "@/lib/api-keys/keys";
import { startBillingRun as draftRunInProcess } from "@/lib/invoices";
import { sharedJobQueue } from "@/lib/jobs";
import type { ApiOperation } from "../operation";
import { getBillingRun, listBillingRunInvoices, listBillingRuns, startBillingRun } from "./billing-runs";
import { createCreditNoteOperation, getCreditNote, listCreditNotes } from "./credit-notes";
import {
  getInvoice,
  getInvoiceCsv,
  getInvoicePdf,
  issueDraftInvoice,
  listInvoices,
  markInvoicePaid,
  voidIssuedInvoice,
} from "./invoices";

// Issue 15's done-when: a reseller key lists its own invoices and gets 404 for another reseller's; a read
// key cannot POST; a repeated POST with the same Idempotency-Key returns the first result.
const db = () => globalThis.testDb.db;
const staff = { userId: null, label: "admin@test" };

type Keys = { read: string; write: string };
let resellerA: string;
let resellerB: string;
let keysA: Keys;
let keysB: Keys;
let distributor: Keys;

async function keysOf(resellerId: string | null): Promise<Keys> {
  const make = async (scopes: ("read" | "write")[]) =>
    (
      await createApiKey(
        db(),
        { resellerId },
        { name: `test ${scopes.join("+")}`, scopes },
        staff,
        new Date(),
      )
    ).key;
  return { read: await make(["read"]), write: await make(["read", "write"]) };
}

type Call = {
  key: string;
  path?: string;
  params?: Record<string, string>;
  method?: "GET" | "POST";
  body?: unknown;
  idempotencyKey?: string;
};

function call(op: ApiOperation, c: Call): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${c.key}` };
  if (c.body !== undefined) headers["content-type"] = "application/json";
  if (c.idempotencyKey) headers["idempotency-key"] = c.idempotencyKey;
  return op.handle(
    new Request(`http://localhost/api/v1${c.path ?? op.spec.path}`, {
      method: c.method ?? op.spec.method.toUpperCase(),
      headers,
      body: c.body === undefined ? undefined : JSON.stringify(c.body),
    }),
    { params: Promise.resolve(c.params ?? {}) },
  );
}

async function json(op: ApiOperation, c: Call, status = 200) {
  const res = await call(op, c);
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
}

/** Every page of a list at `limit` 2, following nextCursor. */
async function allPages(op: ApiOperation, key: string, query = "") {
  const ids: string[] = [];
  const items: { id: string; resellerId: string; status: string }[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const qs = new URLSearchParams(query);
    qs.set("limit", "2");
    if (cursor) qs.set("cursor", cursor);
    const page = await json(op, { key, path: `${op.spec.path}?${qs}` });
    expect(page.data.length).toBeLessThanOrEqual(2);
    for (const item of page.data) {
      ids.push(item.id);
      items.push(item);
    }
    cursor = page.nextCursor;
    expect(page.hasMore).toBe(cursor !== null);
    pages++;
  } while (cursor && pages < 100);
  return { ids, items, pages };
}

async function invoiceIdsOf(resellerId: string, includeDrafts = false): Promise<string[]> {
  const rows = await db()
    .select({ id: s.invoices.id })
    .from(s.invoices)
    .where(
      and(eq(s.invoices.resellerId, resellerId), includeDrafts ? undefined : ne(s.invoices.status, "draft")),
    );
  return rows.map((r) => r.id).sort();
}

async function issuedInvoiceOf(resellerId: string, skip = 0): Promise<string> {
  const rows = await db()
    .select({ id: s.invoices.id })
    .from(s.invoices)
    .where(and(eq(s.invoices.resellerId, resellerId), eq(s.invoices.status, "issued")))
    .orderBy(s.invoices.period, s.invoices.id);
  const row = rows[skip];
  if (!row) throw new Error(`reseller ${resellerId} has fewer than ${skip + 1} issued invoices`);
  return row.id;
}

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z"), demoInvoices: true });
  // The two demo resellers with the most issued invoices.
  const owners = await db()
    .select({ resellerId: s.invoices.resellerId, n: count() })
    .from(s.invoices)
    .where(eq(s.invoices.status, "issued"))
    .groupBy(s.invoices.resellerId)
    .orderBy(({ n }) => [n]);
  const [b, a] = owners.slice(-2);
  if (!a || !b || a.n < 3 || b.n < 3) throw new Error("the demo seed should issue invoices to two resellers");
  resellerA = a.resellerId;
  resellerB = b.resellerId;
  keysA = await keysOf(resellerA);
  keysB = await keysOf(resellerB);
  distributor = await keysOf(null);
});

afterAll(async () => {
  // The web's pg-boss handle, which billing runs send their jobs through and read their state from.
  await (await sharedJobQueue()).stop({ graceful: false });
});

describe(`/api/v1 invoices, credit notes and billing runs on ${process.env.TEST_ENGINE}`, () => {
  it("lists a reseller key's own invoices only, each exactly once across pages of 2", async () => {
    const { ids, items, pages } = await allPages(listInvoices, keysA.read);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(await invoiceIdsOf(resellerA));
    expect(items.every((i) => i.resellerId === resellerA && i.status !== "draft")).toBe(true);

    // Asking for another reseller changes nothing: a reseller key always sees its own.
    const other = await allPages(listInvoices, keysA.read, `resellerId=${resellerB}`);
    expect([...other.ids].sort()).toEqual(await invoiceIdsOf(resellerA));
  });

  it("answers 404 for another reseller's invoice, its PDF and its CSV, and for a malformed id", async () => {
    const theirs = await issuedInvoiceOf(resellerB);
    for (const op of [getInvoice, getInvoicePdf, getInvoiceCsv]) {
      const res = await call(op, { key: keysA.read, params: { id: theirs } });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: "not_found", message: "Invoice not found." } });
    }
    const malformed = await call(getInvoice, { key: keysA.read, params: { id: "not-a-uuid" } });
    expect(malformed.status).toBe(404);
  });

  it("shows a distributor key every reseller's invoices, filtered by reseller, period and currency", async () => {
    const { ids } = await allPages(listInvoices, distributor.read);
    const mine = await invoiceIdsOf(resellerA);
    const theirs = await invoiceIdsOf(resellerB);
    expect(ids).toEqual(expect.arrayContaining([...mine, ...theirs]));
    expect(new Set(ids).size).toBe(ids.length);

    const onlyB = await allPages(listInvoices, distributor.read, `resellerId=${resellerB}`);
    expect([...onlyB.ids].sort()).toEqual(theirs);

    const doc = await json(getInvoice, { key: distributor.read, params: { id: theirs[0] as string } });
    expect(doc.resellerId).toBe(resellerB);
    const period = await json(listInvoices, {
      key: distributor.read,
      path: `/invoices?period=${doc.period}&currency=${doc.currency}&resellerId=${resellerB}`,
    });
    expect(period.data.map((i: { id: string }) => i.id)).toEqual([doc.id]);

    const bad = await call(listInvoices, { key: distributor.read, path: "/invoices?issuedFrom=2026-02-31" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details).toHaveProperty("query.issuedFrom");
  });

  it("gives the invoice document as the screen shows it, its PDF and its CSV", async () => {
    const id = await issuedInvoiceOf(resellerA);
    const doc = await json(getInvoice, { key: keysA.read, params: { id } });
    const [row] = await db().select().from(s.invoices).where(eq(s.invoices.id, id));
    expect(doc).toMatchObject({ id, resellerId: resellerA, number: row?.number, status: "issued" });
    expect(Number(doc.total)).toBe(Number(row?.total));
    expect(typeof doc.total).toBe("string");
    const lines = doc.customers.flatMap((g: { lines: { id: string }[] }) => g.lines);
    expect(lines.length).toBeGreaterThan(0);

    const pdf = await call(getInvoicePdf, { key: keysA.read, params: { id } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toContain(`${row?.number}.pdf`);
    expect(pdf.headers.get("ratelimit-limit")).not.toBeNull();
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 4)
        .toString("latin1"),
    ).toBe("%PDF");

    const csv = await call(getInvoiceCsv, { key: keysA.read, params: { id } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const text = await csv.text();
    const rows = text.trim().split("\n");
    expect(rows[0]).toMatch(/^invoice,customer,sku/);
    // One row per line, then consumption, commitment (if any), subtotal, tax (+ note) and total.
    expect(rows.length).toBeGreaterThan(lines.length);
    for (const line of doc.customers[0].lines) expect(text).toContain(line.amount);
    expect(text).toContain(`Total,,,,${doc.total},${doc.currency}`);
  });

  it("refuses writes to read keys and to reseller keys", async () => {
    const id = await issuedInvoiceOf(resellerA);
    const body = { invoiceId: id, reason: "Goodwill credit" };
    const readOnly = await call(createCreditNoteOperation, { key: distributor.read, body });
    expect(readOnly.status).toBe(403);
    expect((await readOnly.json()).error.message).toMatch(/write scope/);
    const reseller = await call(createCreditNoteOperation, { key: keysA.write, body });
    expect(reseller.status).toBe(403);
    for (const op of [markInvoicePaid, voidIssuedInvoice, issueDraftInvoice]) {
      expect((await call(op, { key: keysA.write, params: { id }, body: { reason: "nope" } })).status).toBe(
        403,
      );
    }
    const [notes] = await db()
      .select({ n: count() })
      .from(s.creditNotes)
      .where(eq(s.creditNotes.invoiceId, id));
    expect(notes?.n).toBe(0);
  });

  it("issues one credit note for a repeated POST with the same Idempotency-Key, visible to its reseller only", async () => {
    const invoiceId = await issuedInvoiceOf(resellerA);
    const doc = await json(getInvoice, { key: distributor.read, params: { id: invoiceId } });
    const lineId = doc.customers[0].lines[0].id as string;
    const post = () =>
      call(createCreditNoteOperation, {
        key: distributor.write,
        body: { invoiceId, reason: "Duplicate seat billed", lineIds: [lineId] },
        idempotencyKey: "credit-7f3a",
      });
    const first = await post();
    expect(first.status).toBe(201);
    const note = await first.json();
    expect(note).toMatchObject({
      invoiceId,
      invoiceNumber: doc.number,
      resellerId: resellerA,
      reason: "Duplicate seat billed",
      lines: [{ invoiceLineId: lineId, amount: doc.customers[0].lines[0].amount }],
    });
    const again = await post();
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(note);
    const [notes] = await db()
      .select({ n: count() })
      .from(s.creditNotes)
      .where(eq(s.creditNotes.invoiceId, invoiceId));
    expect(notes?.n).toBe(1);

    // The same line again is a conflict; a reason too short is a field error.
    const twice = await call(createCreditNoteOperation, {
      key: distributor.write,
      body: { invoiceId, reason: "Again", lineIds: [lineId] },
    });
    expect(twice.status).toBe(409);
    const short = await call(createCreditNoteOperation, {
      key: distributor.write,
      body: { invoiceId, reason: "x" },
    });
    expect(short.status).toBe(400);
    expect((await short.json()).error.details).toHaveProperty("body.reason");
    const unseen = await call(createCreditNoteOperation, {
      key: distributor.write,
      body: { invoiceId: "0b6f2c1e-7f43-4c55-9a57-2f7e3c9d1a01", reason: "Goodwill credit" },
    });
    expect(unseen.status).toBe(404);

    // Its reseller sees it; the other reseller does not.
    expect(await json(getCreditNote, { key: keysA.read, params: { id: note.id } })).toEqual(note);
    const listA = await json(listCreditNotes, {
      key: keysA.read,
      path: `/credit-notes?invoiceId=${invoiceId}`,
    });
    expect(listA.data).toEqual([note]);
    expect((await call(getCreditNote, { key: keysB.read, params: { id: note.id } })).status).toBe(404);
    const listB = await allPages(listCreditNotes, keysB.read);
    expect(listB.ids).not.toContain(note.id);
    const distributorList = await json(listCreditNotes, {
      key: distributor.read,
      path: `/credit-notes?resellerId=${resellerA}&period=${doc.period}`,
    });
    expect(distributorList.data.map((n: { id: string }) => n.id)).toContain(note.id);
  });

  it("marks an invoice paid and voids another through the back office's services, audited as the key", async () => {
    const paidId = await issuedInvoiceOf(resellerB, 0);
    const paid = await json(markInvoicePaid, {
      key: distributor.write,
      params: { id: paidId },
      body: { paidAt: "2026-11-20", reference: "BANK-4711" },
    });
    expect(paid).toMatchObject({ id: paidId, status: "paid", paidAt: "2026-11-20T00:00:00.000Z" });
    const [audit] = await db()
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entityId, paidId), eq(s.auditLog.action, "invoice.paid")));
    expect(audit?.actorLabel).toMatch(/^API key "test read\+write"/);
    expect(audit?.data).toMatchObject({ reference: "BANK-4711" });

    const again = await call(markInvoicePaid, { key: distributor.write, params: { id: paidId } });
    expect(again.status).toBe(409);
    const future = await call(markInvoicePaid, {
      key: distributor.write,
      params: { id: await issuedInvoiceOf(resellerB, 1) },
      body: { paidAt: "2999-01-01" },
    });
    expect(future.status).toBe(400);

    const voidId = await issuedInvoiceOf(resellerB, 1);
    const voided = await json(voidIssuedInvoice, {
      key: distributor.write,
      params: { id: voidId },
      body: { reason: "Billed to the wrong reseller" },
    });
    expect(voided).toMatchObject({ status: "void", voidReason: "Billed to the wrong reseller" });
    const notes = await json(listCreditNotes, { key: keysB.read, path: `/credit-notes?invoiceId=${voidId}` });
    expect(notes.data).toHaveLength(1);
    expect(notes.data[0].total).toBe(voided.total);
    expect(
      (
        await call(voidIssuedInvoice, {
          key: distributor.write,
          params: { id: paidId },
          body: { reason: "Too late" },
        })
      ).status,
    ).toBe(409);
  });

  it("keeps drafts from reseller keys; a distributor key filters and issues them", async () => {
    const run = await draftRunInProcess(db(), { period: "2026-11", actor: staff, today: "2026-12-01" });
    const [draft] = await db()
      .select({ id: s.invoices.id })
      .from(s.invoices)
      .where(and(eq(s.invoices.resellerId, resellerA), eq(s.invoices.status, "draft")));
    expect(draft).toBeDefined();
    const draftId = draft?.id as string;

    expect((await call(getInvoice, { key: keysA.read, params: { id: draftId } })).status).toBe(404);
    expect((await call(getInvoicePdf, { key: keysA.read, params: { id: draftId } })).status).toBe(404);
    const none = await json(listInvoices, { key: keysA.read, path: "/invoices?status=draft" });
    expect(none.data).toEqual([]);
    const { ids } = await allPages(listInvoices, keysA.read);
    expect(ids).not.toContain(draftId);

    const drafts = await allPages(listInvoices, distributor.read, "status=draft&period=2026-11");
    expect(drafts.ids).toContain(draftId);
    expect(drafts.items.every((i) => i.status === "draft")).toBe(true);
    const ofRun = await json(listBillingRunInvoices, {
      key: distributor.read,
      path: `/billing-runs/${run.id}/invoices?limit=100`,
      params: { id: run.id },
    });
    expect(ofRun.data.map((i: { id: string }) => i.id)).toContain(draftId);

    const issued = await json(issueDraftInvoice, { key: distributor.write, params: { id: draftId } });
    expect(issued.status).toBe("issued");
    expect(issued.number).toMatch(/\d/);
    expect((await json(getInvoice, { key: keysA.read, params: { id: draftId } })).number).toBe(issued.number);
    expect((await call(issueDraftInvoice, { key: distributor.write, params: { id: draftId } })).status).toBe(
      409,
    );
  });

  it("shows billing runs to distributor keys only and starts one through the back office's queue", async () => {
    for (const op of [listBillingRuns, getBillingRun, listBillingRunInvoices]) {
      expect((await call(op, { key: keysA.read, params: { id: "x" } })).status).toBe(403);
    }
    expect((await call(startBillingRun, { key: keysA.write, body: { period: "2026-10" } })).status).toBe(403);

    const runs = await allPages(listBillingRuns, distributor.read);
    expect(runs.ids.length).toBeGreaterThan(1);
    expect(new Set(runs.ids).size).toBe(runs.ids.length);
    const [latest] = runs.ids;
    const view = await json(getBillingRun, { key: distributor.read, params: { id: latest as string } });
    expect(view).toMatchObject({ period: "2026-11", status: "drafted", working: false, job: null });
    expect(view.invoices.draft + view.invoices.issued).toBeGreaterThan(0);
    expect((await call(getBillingRun, { key: distributor.read, params: { id: "nope" } })).status).toBe(404);

    const open = await call(startBillingRun, { key: distributor.write, body: { period: "2999-01" } });
    expect(open.status).toBe(400);
    const started = await call(startBillingRun, {
      key: distributor.write,
      body: { period: "2026-11" },
      idempotencyKey: "run-2026-11",
    });
    const run = await started.json();
    expect(started.status, JSON.stringify(run)).toBe(201);
    expect(run).toMatchObject({ period: "2026-11", status: "running", working: true, job: "created" });
    // No worker runs here: a second start of the month is refused while the first is drafting.
    const busy = await call(startBillingRun, { key: distributor.write, body: { period: "2026-11" } });
    expect(busy.status).toBe(409);
  });
});
