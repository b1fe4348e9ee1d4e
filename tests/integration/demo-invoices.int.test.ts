import { and, asc, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { countRows, seedDatabase } from "@/db/seed";
import { estimateMonthToDate, recentClosedPeriods } from "@/lib/invoices";

// Across a new year: the closed months 2026-08 … 2027-01 are invoiced on 2026-09-01 … 2027-02-01, so both
// years' sequences are used.
const TODAY = "2027-02-10";
const today = new Date(`${TODAY}T09:00:00Z`);
const db = () => globalThis.testDb.db;

async function demoContracts() {
  return db()
    .select({ contract: s.contracts, tag: s.resellers.internalTag })
    .from(s.contracts)
    .innerJoin(s.resellers, eq(s.resellers.id, s.contracts.resellerId))
    .where(like(s.resellers.internalTag, "demo-%"))
    .orderBy(asc(s.resellers.internalTag));
}

async function allInvoices() {
  return db().select().from(s.invoices).orderBy(asc(s.invoices.number));
}

async function contractOf(tag: string) {
  const found = (await demoContracts()).find((row) => row.tag === tag);
  if (!found) throw new Error(`no demo contract ${tag}`);
  return found.contract;
}

beforeAll(async () => {
  await seedDatabase(db(), { today, demoInvoices: true });
});

describe("the demo seed's invoices", () => {
  it("issues one invoice per closed month for every demo reseller, oldest month first, numbers gap-free", async () => {
    const closed = recentClosedPeriods(TODAY, 6).reverse();
    expect(closed).toEqual(["2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2027-01"]);
    const invoices = await allInvoices();
    for (const { contract, tag } of await demoContracts()) {
      const own = invoices.filter((i) => i.contractId === contract.id);
      const expected = closed.filter((p) => `${p}-01` >= contract.paidStart!);
      expect(own.map((i) => i.period).sort(), tag).toEqual(expected);
      expect(own.every((i) => i.status === "issued" && i.billingRunId !== null)).toBe(true);
    }
    // Gap-free per year of the invoice date, and in period order: a later number never bills an earlier month.
    for (const year of [2026, 2027]) {
      const ofYear = invoices.filter((i) => i.invoiceDate.startsWith(String(year)));
      expect(ofYear.map((i) => i.number)).toEqual(
        ofYear.map((_, n) => `INV-${year}-${String(n + 1).padStart(6, "0")}`),
      );
      const periods = ofYear.map((i) => i.period);
      expect(periods).toEqual([...periods].sort());
    }
    expect(invoices).toHaveLength(3 * 6);
    // Through the back office's billing runs: one per month, issued.
    const runs = await db().select().from(s.billingRuns).orderBy(asc(s.billingRuns.period));
    expect(runs.map((r) => [r.period, r.status, r.issuedInvoices])).toEqual(
      closed.map((p) => [p, "issued", 3]),
    );
  });

  it("bills Thames a top-up every month; Northwind and Kopernikus stay above their commitment", async () => {
    const invoices = await allInvoices();
    const thames = await contractOf("demo-thames");
    const own = invoices.filter((i) => i.contractId === thames.id);
    expect(own.length).toBe(6);
    for (const invoice of own) {
      expect(Number(invoice.topUp)).toBeGreaterThan(0);
      const lines = await db()
        .select()
        .from(s.invoiceLines)
        .where(and(eq(s.invoiceLines.invoiceId, invoice.id), eq(s.invoiceLines.type, "commitment_topup")));
      expect(lines.map((l) => Number(l.amount))).toEqual([Number(invoice.topUp)]);
    }
    for (const tag of ["demo-northwind", "demo-kopernikus"]) {
      const contract = await contractOf(tag);
      const others = invoices.filter((i) => i.contractId === contract.id);
      expect(others.length).toBe(6);
      expect(others.every((i) => Number(i.topUp) === 0 && Number(i.consumption) > Number(i.commitment))).toBe(
        true,
      );
    }
  });

  it("starts Wattle this month in ramp-up: no invoice yet, the month-to-date estimate waives the commitment", async () => {
    const wattle = await contractOf("demo-wattle");
    expect(wattle.paidStart).toBe("2027-02-01");
    expect(wattle.rampUpCycles).toBe(1);
    expect((await allInvoices()).filter((i) => i.contractId === wattle.id)).toEqual([]);
    const estimate = await estimateMonthToDate(db(), { contractId: wattle.id, asOf: TODAY });
    expect(estimate).toMatchObject({ billable: true, currency: "AUD", tier: "T3", rampUpWaived: true });
    expect(Number(estimate.commitment)).toBeGreaterThan(0);
    expect(Number(estimate.topUp)).toBe(0);
    // It would pay a top-up without the ramp-up: its usage so far is below the commitment.
    expect(Number(estimate.consumption)).toBeGreaterThan(0);
    expect(Number(estimate.consumption)).toBeLessThan(Number(estimate.commitment));
    expect(estimate.customers).toHaveLength(3);
  });

  it("a second seed changes nothing", async () => {
    const before = {
      rows: await countRows(db()),
      invoices: await allInvoices(),
      runs: await db().select().from(s.billingRuns).orderBy(asc(s.billingRuns.id)),
      sequences: await db().select().from(s.documentSequences).orderBy(asc(s.documentSequences.year)),
    };
    await seedDatabase(db(), { today, demoInvoices: true });
    expect({
      rows: await countRows(db()),
      invoices: await allInvoices(),
      runs: await db().select().from(s.billingRuns).orderBy(asc(s.billingRuns.id)),
      sequences: await db().select().from(s.documentSequences).orderBy(asc(s.documentSequences.year)),
    }).toEqual(before);
  });
});
