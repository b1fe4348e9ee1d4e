import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { systemActor } from "@/lib/audit";
import { startBillingRun } from "./billing-run";
import { createCreditNote } from "./credit-notes";
import { renderInvoiceCsv } from "./csv";
import { getInvoiceDocument } from "./document";
import { markPaid, voidInvoice } from "./invoice-status";
import { issueBillingRun } from "./issue";
import { renderInvoicePdf } from "./pdf";
import { invoicesOf, linesOf, parseCsv } from "./test-support";

const db = () => globalThis.testDb.db;
const PERIOD = "2026-10";
const actor = systemActor;
const noteDate = new Date("2026-11-24T10:00:00Z");

async function invoiceIn(currency: string) {
  const invoice = (await invoicesOf(db(), PERIOD)).find((i) => i.currency === currency);
  if (!invoice) throw new Error(`no ${currency} invoice`);
  return invoice;
}

/** The last credit note number of 2026 (tests read numbers relative to it: they run in any order). */
async function lastCreditNote(): Promise<number> {
  const [sequence] = await db()
    .select()
    .from(s.documentSequences)
    .where(and(eq(s.documentSequences.kind, "credit_note"), eq(s.documentSequences.year, 2026)));
  return sequence?.lastNumber ?? 0;
}

const creditNoteNumber = (n: number) => `CN-2026-${String(n).padStart(6, "0")}`;

/** The seed's today: last month is closed. */
const TODAY = "2026-11-24";

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
  const run = await startBillingRun(db(), { period: PERIOD, actor, today: TODAY });
  await issueBillingRun(db(), { runId: run.id, actor, today: TODAY });
});

describe("credit notes", () => {
  it("credits chosen lines with their own CN number and tax at the invoice's rate", async () => {
    const invoice = await invoiceIn("EUR");
    const [a, b] = await linesOf(db(), invoice.id);
    const last = await lastCreditNote();
    const note = await createCreditNote(db(), {
      invoiceId: invoice.id,
      lineIds: [a!.id, b!.id],
      reason: "duplicate workloads",
      actor,
      date: noteDate,
    });
    expect(note.number).toBe(creditNoteNumber(last + 1));
    const subtotal = (Number(a!.amount) * 100 + Number(b!.amount) * 100) / 100;
    expect(note.subtotal).toBe(subtotal.toFixed(2));
    // 19% of the credited amount, rounded half-up to cents (integer cents avoid float doubt in the check).
    const expectedTaxCents = Math.floor((Math.round(subtotal * 100) * 19) / 100 + 0.5);
    expect(note.tax).toBe((expectedTaxCents / 100).toFixed(2));
    expect(Number(note.total)).toBeCloseTo(subtotal + expectedTaxCents / 100, 6);
    await expect(
      createCreditNote(db(), {
        invoiceId: invoice.id,
        lineIds: [a!.id],
        reason: "again",
        actor,
        date: noteDate,
      }),
    ).rejects.toThrow(/already credited/);
    const [unchanged] = await db().select().from(s.invoices).where(eq(s.invoices.id, invoice.id));
    expect(unchanged?.total).toBe(invoice.total);
    expect(unchanged?.status).toBe("issued");
  });

  it("voids an invoice with a full credit note for the rest", async () => {
    const invoice = await invoiceIn("GBP");
    const last = await lastCreditNote();
    const { invoice: voided, creditNote } = await voidInvoice(db(), {
      invoiceId: invoice.id,
      reason: "wrong tier",
      actor,
    });
    expect(voided.status).toBe("void");
    expect(voided.voidReason).toBe("wrong tier");
    expect(creditNote?.number).toBe(creditNoteNumber(last + 1));
    expect(creditNote?.subtotal).toBe(Number(invoice.subtotal).toFixed(2));
    expect(creditNote?.total).toBe(Number(invoice.total).toFixed(2));
    await expect(voidInvoice(db(), { invoiceId: invoice.id, reason: "again", actor })).rejects.toThrow(
      /void/,
    );
  });

  it("marks an invoice paid, after which it cannot be voided", async () => {
    const invoice = await invoiceIn("USD");
    const paid = await markPaid(db(), { invoiceId: invoice.id, actor });
    expect(paid.status).toBe("paid");
    expect(paid.paidAt).toBeInstanceOf(Date);
    expect(paid.total).toBe(invoice.total);
    await expect(voidInvoice(db(), { invoiceId: invoice.id, reason: "late", actor })).rejects.toThrow(/paid/);
  });

  it("keeps credit note numbers gap-free when a credit note fails", async () => {
    const invoice = await invoiceIn("EUR");
    const last = await lastCreditNote();
    await expect(
      createCreditNote(db(), {
        invoiceId: invoice.id,
        lineIds: ["00000000-0000-4000-8000-000000000000"],
        reason: "x",
        actor,
      }),
    ).rejects.toThrow(/not on this invoice/);
    expect(await lastCreditNote()).toBe(last);
  });
});

describe("invoice documents", () => {
  it("builds the §5.5 view: parties, tier, customer groups with subtotals, totals, FX; no cost", async () => {
    const invoice = await invoiceIn("EUR");
    const doc = await getInvoiceDocument(db(), invoice.id);
    expect(doc.number).toBe(invoice.number);
    expect(doc.parties.reseller.legalName).toBe("Kopernikus Systemhaus GmbH");
    expect(doc.parties.distributor.legalName).toBe("Skyline Distribution Inc.");
    expect(doc.tier.code).toBe("T1");
    expect(doc.customers.length).toBeGreaterThan(0);
    const groupSum = doc.customers.reduce((sum, g) => sum + Math.round(Number(g.subtotal) * 100), 0);
    expect(groupSum).toBe(Math.round(Number(doc.consumption) * 100));
    expect(doc.fx?.source).toBe("seed");
    expect(JSON.stringify(doc)).not.toMatch(/cost/i);
  });

  it("renders a valid PDF that carries the invoice number", async () => {
    const invoice = await invoiceIn("EUR");
    const doc = await getInvoiceDocument(db(), invoice.id);
    const pdf = await renderInvoicePdf(doc, { locale: "de-DE" });
    const text = pdf.toString("latin1");
    expect(text.startsWith("%PDF-")).toBe(true);
    expect(text).toMatch(/\/Type \/Page\b/);
    expect(text).toContain(invoice.number!);
    expect(text.trimEnd().endsWith("%%EOF")).toBe(true);
  });

  it("renders a CSV with one row per line plus the totals", async () => {
    const invoice = await invoiceIn("EUR");
    const doc = await getInvoiceDocument(db(), invoice.id);
    const rows = parseCsv(renderInvoiceCsv(doc));
    const usage = (await linesOf(db(), invoice.id)).filter((l) => l.type === "usage");
    expect(rows.filter((r) => r.sku !== "")).toHaveLength(usage.length);
    expect(rows.at(-1)).toMatchObject({ description: "Total", amount: doc.total, currency: "EUR" });
    expect(rows.find((r) => r.description?.startsWith("Tax"))?.amount).toBe(doc.tax);
  });
});
