import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { contracts, invoices } from "@/db/schema";
import {
  dec,
  formatMoney,
  indexPrices,
  type PriceAdjustment,
  periodEnd,
  priceUnit,
  type RatingInput,
  ratePeriod,
} from "@/lib/billing";
import { loadCatalogue } from "@/lib/invoices/catalogue-loader";
import { loadContractInputs } from "@/lib/invoices/contract-loader";
import { shiftPeriod } from "@/lib/invoices/periods";

export type PriceSample = { sku: string; name: string; unit: string; before: string; after: string };

/** What the reseller's next invoice looks like before and after a change, rated by the billing engine. */
export type NextInvoiceImpact = {
  period: string;
  currency: string;
  tier: string;
  cycle: number;
  prices: PriceSample[];
  before: { commitment: string; waived: boolean; total: string };
  after: { commitment: string; waived: boolean; total: string };
};

export type TermsChange = { adjustment?: PriceAdjustment | null; rampUpCycles?: number };

/**
 * The period of the contract's next invoice on `today`: last month when it was billable then and has no
 * issued invoice yet (its drafts are rated again with today's terms), else this month.
 */
export async function nextInvoicePeriod(
  db: DbOrTx,
  contract: { id: string; paidStart: string | null },
  today: string,
): Promise<string> {
  const current = today.slice(0, 7);
  const previous = shiftPeriod(current, -1);
  // Paid from this month on (or later, for a conversion booked ahead): its first invoice is that month's.
  const firstPaidMonth = (contract.paidStart ?? today).slice(0, 7);
  if (firstPaidMonth >= current) return firstPaidMonth;
  const [issued] = await db
    .select({ id: invoices.id })
    .from(invoices)
    .where(
      and(eq(invoices.contractId, contract.id), eq(invoices.period, previous), ne(invoices.status, "draft")),
    )
    .limit(1);
  return issued ? current : previous;
}

/**
 * Rates the contract's next invoice twice, with today's terms and with `change`, through the same loader
 * and engine as a billing run. Unit prices are sampled from the main services when the period has no usage
 * yet. Null when the contract is not billable in that period (a trial, or no paid start).
 */
export async function nextInvoiceImpact(
  db: DbOrTx,
  contractId: string,
  today: string,
  change: TermsChange,
): Promise<NextInvoiceImpact | null> {
  const [contract] = await db.select().from(contracts).where(eq(contracts.id, contractId));
  if (!contract?.paidStart) return null;
  const period = await nextInvoicePeriod(db, contract, today);
  const catalogue = await loadCatalogue(db, period, [contract.currency]);
  const [loaded] = await loadContractInputs(db, catalogue, [contract.id]);
  if (!loaded) return null;
  const before = loaded.input;
  const after: RatingInput = {
    ...before,
    resellerAdjustment: change.adjustment !== undefined ? change.adjustment : before.resellerAdjustment,
    contract: { ...before.contract, rampUpCycles: change.rampUpCycles ?? before.contract.rampUpCycles },
  };
  const ratedBefore = ratePeriod(before);
  const ratedAfter = ratePeriod(after);
  if (!ratedBefore.billable || !ratedAfter.billable) return null;
  // The engine's invoice date: the 1st of the month after the period (domain.md §5.4).
  const invoiceDate = periodEnd(period);
  const book = indexPrices(before.prices);
  const priced = (input: RatingInput, sku: string) =>
    priceUnit(
      {
        book,
        tier: ratedAfter.tier,
        invoiceCurrency: input.currency,
        baseCurrency: input.baseCurrency ?? input.currency,
        distributorDiscountPercent: input.distributorDiscountPercent,
        adjustment: input.resellerAdjustment,
        fxRates: input.fxRates,
        invoiceDate,
      },
      sku,
    ).unitPrice.toFixed(4);
  const used = [...new Set(ratedAfter.lines.flatMap((l) => (l.type === "usage" ? [l.sku] : [])))];
  const skus = (used.length ? used : before.skus.map((s) => s.code)).slice(0, 4);
  const prices: PriceSample[] = [];
  for (const code of skus) {
    try {
      const sku = before.skus.find((s) => s.code === code);
      prices.push({
        sku: code,
        name: catalogue.skuNameByCode.get(code) ?? code,
        unit: sku?.unit ?? "",
        before: priced(before, code),
        after: priced(after, code),
      });
    } catch {
      // A service without a price for this tier is simply not sampled.
    }
  }
  const summary = (r: typeof ratedAfter) => ({
    commitment: formatMoney(dec(r.commitment), r.currency),
    waived: r.rampUpWaived,
    total: formatMoney(dec(r.total), r.currency),
  });
  return {
    period,
    currency: contract.currency,
    tier: ratedAfter.tier,
    cycle: ratedAfter.cycle,
    prices,
    before: summary(ratedBefore),
    after: summary(ratedAfter),
  };
}
