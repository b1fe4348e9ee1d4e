import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { systemActor } from "@/lib/audit";
import { databaseRefusal } from "@/tests/database-refusal";
import { createBillingRun, getBillingRun, resumeDrafting, startBillingRun } from "./billing-run";
import { estimateMonthToDate } from "./estimate";
import { issueBillingRun, issueInvoice } from "./issue";
import { previewBillingRun } from "./preview";
import { invoicesOf, linesOf, rateFromRawSnapshots } from "./test-support";

const db = () => globalThis.testDb.db;
const actor = systemActor;
// The seed bills its contracts from 2026-05; each test works on months no other test changes, so the tests
// pass in any order: 2026-05 failed issue, 2026-06 crash and resume, 2026-07 drafts only (preview, amounts,
// re-run), 2026-08 issued, 2026-09 single issue and the drafting guard, 2026-10 issued run with numbering.
const PERIOD = "2026-10";

async function countRows(table: typeof s.invoices | typeof s.billingRuns | typeof s.invoiceLines) {
  const [row] = await db().select({ n: count() }).from(table);
  return Number(row?.n ?? 0);
}

async function invoiceSequence(year: number) {
  const [row] = await db()
    .select()
    .from(s.documentSequences)
    .where(and(eq(s.documentSequences.kind, "invoice"), eq(s.documentSequences.year, year)));
  return row?.lastNumber ?? 0;
}

/** The seed's today: last month is closed. */
const TODAY = "2026-11-24";

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
});

/** Drafts of the period from a fresh run (replacing earlier drafts in place). */
async function drafted(period: string) {
  const run = await startBillingRun(db(), { period, actor, today: TODAY });
  return { run, invoices: await invoicesOf(db(), period) };
}

/** The period with every invoice issued (once, whichever test asks first). */
async function issued(period: string) {
  const invoices = await invoicesOf(db(), period);
  if (invoices.length === 0 || invoices.some((i) => i.status === "draft")) {
    const { run } = await drafted(period);
    await issueBillingRun(db(), { runId: run.id, actor, today: TODAY });
  }
  return invoicesOf(db(), period);
}

async function runsOf(period: string) {
  return db().select().from(s.billingRuns).where(eq(s.billingRuns.period, period));
}

describe("billing run", () => {
  it("previews totals per currency and stores nothing", async () => {
    const seen: string[] = [];
    const [invoicesBefore, runsBefore] = [await countRows(s.invoices), await countRows(s.billingRuns)];
    const preview = await previewBillingRun(db(), "2026-07", {
      onContract: (c) => seen.push(c.contractId),
    });
    expect(preview.contracts).toBe(3);
    expect(preview.invoices).toBe(3);
    expect(preview.errors).toBe(0);
    expect(Object.keys(preview.totalsByCurrency).sort()).toEqual(["EUR", "GBP", "USD"]);
    expect(preview.totalsByCurrency.EUR?.total).toMatch(/^\d+\.\d{2}$/);
    expect(seen).toHaveLength(3);
    expect(await countRows(s.invoices)).toBe(invoicesBefore);
    expect(await countRows(s.billingRuns)).toBe(runsBefore);
  });

  it("resumes a run that crashed after its first batch, without duplicates", async () => {
    const crash = (info: { batchIndex: number }) => {
      if (info.batchIndex === 1) throw new Error("simulated crash");
    };
    const period = "2026-06";
    await expect(
      startBillingRun(db(), { period, actor, today: TODAY, batchSize: 1, beforeBatch: crash }),
    ).rejects.toThrow("simulated crash");
    const [failed] = await runsOf(period);
    expect(failed?.status).toBe("failed");
    expect(failed?.processedContracts).toBe(1);
    expect(failed?.totalContracts).toBe(3);
    const [first] = await invoicesOf(db(), period);
    expect(first).toBeDefined();

    const resumed = await resumeDrafting(db(), failed!.id, { today: TODAY, batchSize: 1 });
    expect(resumed.status).toBe("drafted");
    expect(resumed.processedContracts).toBe(3);
    const drafts = await invoicesOf(db(), period);
    expect(drafts).toHaveLength(3);
    expect(drafts.every((d) => d.status === "draft" && d.billingRunId === failed!.id)).toBe(true);
    // The draft written before the crash was skipped, not rewritten.
    const kept = drafts.find((d) => d.contractId === first!.contractId);
    expect(kept?.id).toBe(first!.id);
    expect(kept?.updatedAt.getTime()).toBe(first!.updatedAt.getTime());
  });

  it("drafts the amounts lib/billing computes from the raw daily snapshots", async () => {
    const { invoices } = await drafted("2026-07");
    expect(invoices).toHaveLength(3);
    for (const invoice of invoices) {
      const { result, rawRows, aggregatedUsageRows } = await rateFromRawSnapshots(
        db(),
        invoice.contractId,
        "2026-07",
      );
      if (!result.billable) throw new Error("expected billable");
      expect(rawRows).toBeGreaterThan(aggregatedUsageRows);
      expect(invoice.total).toBe(toScale4(result.total));
      expect(invoice.subtotal).toBe(toScale4(result.subtotal));
      expect(invoice.tax).toBe(toScale4(result.tax));
      expect(invoice.consumption).toBe(toScale4(result.consumption));
      expect(invoice.commitment).toBe(toScale4(result.commitment));
      expect(invoice.tierCode).toBe(result.tier);
      const lines = await linesOf(db(), invoice.id);
      expect(lines).toHaveLength(result.lines.length);
      const stored = lines
        .map((l) => `${l.customerId}|${l.skuCode}|${l.quantity}|${l.unitPrice}|${l.amount}`)
        .sort();
      const engine = result.lines
        .map((l) =>
          l.type === "usage"
            ? `${l.customer}|${l.sku}|${l.quantity}|${l.unitPrice}|${toScale4(l.amount)}`
            : `null|null|null|null|${toScale4(l.amount)}`,
        )
        .sort();
      expect(stored).toEqual(engine);
      if (invoice.currency !== "USD") expect(invoice.fxSource).toBe("seed");
    }
  });

  it("re-running the period replaces drafts in place and never duplicates", async () => {
    const { invoices: before } = await drafted("2026-07");
    const linesBefore = await countRows(s.invoiceLines);
    const run = await startBillingRun(db(), { period: "2026-07", actor, today: TODAY });
    const after = await invoicesOf(db(), "2026-07");
    expect(after.map((i) => i.id)).toEqual(before.map((i) => i.id));
    expect(after.every((i) => i.billingRunId === run.id)).toBe(true);
    expect(await countRows(s.invoiceLines)).toBe(linesBefore);
  });

  it("consumes no number when the issuing transaction fails", async () => {
    const { run } = await drafted("2026-05");
    const numbersBefore = await invoiceSequence(2026);
    const fail = () => {
      throw new Error("injected failure while issuing");
    };
    await expect(
      issueBillingRun(db(), { runId: run.id, actor, today: TODAY, insideIssue: fail }),
    ).rejects.toThrow("injected");
    const invoices = await invoicesOf(db(), "2026-05");
    expect(invoices).toHaveLength(3);
    expect(invoices.every((i) => i.status === "draft" && i.number === null)).toBe(true);
    expect(await invoiceSequence(2026)).toBe(numbersBefore);
  });

  it("issues one invoice per contract with consecutive numbers and frozen parties", async () => {
    const { run } = await drafted(PERIOD);
    const last = await invoiceSequence(2026);
    const result = await issueBillingRun(db(), { runId: run.id, actor, today: TODAY, batchSize: 2 });
    expect(result.status).toBe("issued");
    expect(result.issuedInvoices).toBe(3);
    const invoices = await invoicesOf(db(), PERIOD);
    expect(invoices.map((i) => i.number).sort()).toEqual([1, 2, 3].map((n) => invoiceNumber(last + n)));
    for (const invoice of invoices) {
      expect(invoice.status).toBe("issued");
      expect(invoice.issuedAt).toBeInstanceOf(Date);
      const parties = invoice.parties as { distributor: { name: string }; reseller: { legalName: string } };
      expect(parties.distributor.name).toBe("Skyline Distribution");
      expect(parties.reseller.legalName).toBeTruthy();
    }
    expect(await invoiceSequence(2026)).toBe(last + 3);
  });

  it("re-running an issued period says that everything is issued, creates no run, changes nothing", async () => {
    const before = await issued("2026-08");
    const runs = await countRows(s.billingRuns);
    await expect(startBillingRun(db(), { period: "2026-08", actor, today: TODAY })).rejects.toThrow(
      "Every invoice of 2026-08 is issued; nothing to draft",
    );
    expect(await countRows(s.billingRuns)).toBe(runs);
    const after = await invoicesOf(db(), "2026-08");
    expect(after).toEqual(before);
  });

  it("refuses to start a second run of a period while one is drafting or issuing", async () => {
    const run = await createBillingRun(db(), { period: "2026-09", actor, today: TODAY });
    await expect(createBillingRun(db(), { period: "2026-09", actor, today: TODAY })).rejects.toThrow(
      "A run of 2026-09 is still drafting",
    );
    await db().delete(s.billingRuns).where(eq(s.billingRuns.id, run.id));
  });

  it("refuses any change to an issued invoice's amounts or lines in the database itself", async () => {
    const [invoice] = await issued("2026-08");
    const [line] = await linesOf(db(), invoice!.id);
    const guard = (message: RegExp) => ({ code: "P0001", message: expect.stringMatching(message) });
    expect(
      await databaseRefusal(
        db().update(s.invoices).set({ total: "1.0000" }).where(eq(s.invoices.id, invoice!.id)),
      ),
    ).toMatchObject(guard(/its content can never change/));
    expect(
      await databaseRefusal(
        db().update(s.invoiceLines).set({ amount: "1.0000" }).where(eq(s.invoiceLines.id, line!.id)),
      ),
    ).toMatchObject(guard(/the lines of an issued invoice can never change/));
    expect(
      await databaseRefusal(db().delete(s.invoiceLines).where(eq(s.invoiceLines.id, line!.id))),
    ).toMatchObject(guard(/the lines of an issued invoice can never change/));
    expect(
      await databaseRefusal(db().delete(s.invoices).where(eq(s.invoices.id, invoice!.id))),
    ).toMatchObject(guard(/it can never be deleted/));
    const [unchanged] = await db().select().from(s.invoices).where(eq(s.invoices.id, invoice!.id));
    expect(unchanged?.total).toBe(invoice!.total);
  });

  it("issues a single draft with the next number", async () => {
    const { run, invoices } = await drafted("2026-09");
    const draft = invoices.find((i) => i.status === "draft");
    expect((await getBillingRun(db(), run.id)).status).toBe("drafted");
    const next = invoiceNumber((await invoiceSequence(2026)) + 1);
    expect(await issueInvoice(db(), { invoiceId: draft!.id, actor, today: TODAY })).toBe(next);
    await expect(issueInvoice(db(), { invoiceId: draft!.id, actor, today: TODAY })).rejects.toThrow(
      /already issued/,
    );
  });

  it("estimates the month to date with the same engine", async () => {
    const [contract] = await db().select().from(s.contracts).limit(1);
    const estimate = await estimateMonthToDate(db(), { contractId: contract!.id, asOf: "2026-11-20" });
    expect(estimate.billable).toBe(true);
    expect(estimate.period).toBe("2026-11");
    expect(estimate.customers.length).toBeGreaterThan(0);
    expect(estimate.customers[0]?.lines[0]).not.toHaveProperty("unitCost");
    expect(Number(estimate.total)).toBeGreaterThan(0);
  });
});

const invoiceNumber = (n: number) => `INV-2026-${String(n).padStart(6, "0")}`;

/** numeric(20,4) columns come back with 4 decimals. */
function toScale4(value: string): string {
  const [whole, fraction = ""] = value.split(".");
  return `${whole}.${fraction.padEnd(4, "0")}`;
}
