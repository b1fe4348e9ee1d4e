import { commitmentFor, isRampUpCycle, tierInForce } from "./commitment";
import {
  addDays,
  cycleNumber,
  daysBetween,
  earlierDate,
  type IsoDate,
  laterDate,
  periodDays,
  periodEnd,
  periodStart,
} from "./dates";
import type { FxConversion, FxRate } from "./fx";
import { type Dec, format4, formatFixed, max, minorUnits, percent, roundTo, ZERO } from "./money";
import { indexPrices, type PricingContext, priceUnit, type UnitPricing } from "./pricing";
import { aggregateUsage } from "./quantities";
import type {
  ContractTerms,
  InvoiceLine,
  RatingInput,
  RatingOptions,
  RatingResult,
  UsageLine,
} from "./types";

/** Step 1 of §5: [max(P start, paid start), min(P end, end date)), or null when it has no day. */
export function activeWindow(
  period: string,
  contract: ContractTerms,
): { start: IsoDate; end: IsoDate } | null {
  const start = laterDate(periodStart(period), contract.paidStart);
  const end = contract.endDate ? earlierDate(periodEnd(period), contract.endDate) : periodEnd(period);
  return start < end ? { start, end } : null;
}

/**
 * Rates one contract for one calendar month (domain.md §5, steps 1–9). Pure: everything it needs is in
 * `input`. With `options.asOf` it gives the month-to-date estimate (see RatingOptions): same code, usage
 * clipped at that day. Throws BillingError when the input cannot be rated (missing price, rate, tier…).
 */
export function ratePeriod(input: RatingInput, options: RatingOptions = {}): RatingResult {
  const { period, currency, contract } = input;
  const window = activeWindow(period, contract);
  const asOf = options.asOf ?? null;
  const usageEnd = window && asOf ? earlierDate(window.end, addDays(asOf, 1)) : window?.end;
  if (!window || !usageEnd || usageEnd <= window.start) return { billable: false, period };

  const activeDays = daysBetween(window.start, window.end);
  const days = periodDays(period);
  const tier = tierInForce(contract.tiers, addDays(usageEnd, -1));
  const cycle = cycleNumber(contract.paidStart, period);
  const invoiceDate = periodEnd(period);
  const places = minorUnits(currency); // the currency's minor units, looked up once
  const pricing: PricingContext = {
    book: indexPrices(input.prices),
    tier,
    invoiceCurrency: currency,
    baseCurrency: input.baseCurrency ?? "USD",
    distributorDiscountPercent: input.distributorDiscountPercent,
    adjustment: input.resellerAdjustment,
    fxRates: input.fxRates,
    invoiceDate,
  };

  // A unit price depends only on the SKU within one contract and period (tier, currency, adjustment and
  // rates are fixed), so it is computed and formatted once per SKU, not once per customer line.
  const unitBySku = new Map<string, { unit: UnitPricing; unitPrice: string; unitCost: string }>();
  const unitOf = (sku: string) => {
    let priced = unitBySku.get(sku);
    if (!priced) {
      const unit = priceUnit(pricing, sku);
      priced = { unit, unitPrice: format4(unit.unitPrice), unitCost: format4(unit.unitCost) };
      unitBySku.set(sku, priced);
    }
    return priced;
  };
  // One pass: each usage line, and the running sums of amounts and costs (the same additions, in the same
  // order, as summing the lines afterwards), without an intermediate object per line.
  const lines: InvoiceLine[] = [];
  let consumption = ZERO;
  let costTotal = ZERO;
  for (const billed of aggregateUsage(input.usage, input.skus, { start: window.start, end: usageEnd })) {
    const { unit, unitPrice, unitCost } = unitOf(billed.sku);
    const amount = roundTo(billed.quantity.times(unit.unitPrice), places);
    const cost = roundTo(billed.quantity.times(unit.unitCost), places);
    consumption = consumption.plus(amount);
    costTotal = costTotal.plus(cost);
    const line: UsageLine = {
      type: "usage",
      customer: billed.customer,
      sku: billed.sku,
      unit: billed.unit,
      quantity: format4(billed.quantity),
      unitPrice,
      amount: money(amount),
      priceCurrency: unit.priceCurrency,
      cost: { unitCost, amount: money(cost) },
    };
    lines.push(line);
  }

  const commitment = commitmentFor({ ...input, tier, invoiceDate, activeDays, periodDays: days });
  const rampUpWaived = isRampUpCycle(cycle, contract.rampUpCycles);
  const topUp = rampUpWaived ? ZERO : max(ZERO, commitment.amount.minus(consumption));
  if (rampUpWaived) {
    const { rampUpCycles } = contract;
    const description = `minimum commitment waived (ramp-up, cycle ${cycle} of ${rampUpCycles})`;
    lines.push({ type: "commitment_waived", description, amount: money(ZERO), cycle, rampUpCycles });
  } else if (topUp.greaterThan(ZERO)) {
    lines.push({ type: "commitment_topup", description: "minimum commitment top-up", amount: money(topUp) });
  }

  const subtotal = consumption.plus(topUp);
  const tax = roundTo(subtotal.times(percent(input.taxRatePercent)), places);
  // The rates in order of first use by a line (SKUs were priced in line order), then the commitment's.
  const fxRates = distinctRates([...[...unitBySku.values()].map((priced) => priced.unit.fx), commitment.fx]);
  return {
    billable: true,
    period,
    currency,
    tier,
    cycle,
    activeDays,
    periodDays: days,
    window,
    asOf,
    lines,
    consumption: money(consumption),
    commitment: money(commitment.amount),
    rampUpWaived,
    topUp: money(topUp),
    subtotal: money(subtotal),
    taxRatePercent: input.taxRatePercent,
    tax: money(tax),
    total: money(subtotal.plus(tax)),
    cost: money(costTotal),
    fx: fxRates[0] ?? null,
    fxRates,
  };

  function money(amount: Dec): string {
    return formatFixed(amount, places);
  }
}

function distinctRates(conversions: readonly FxConversion[]): FxRate[] {
  const seen = new Map<string, FxRate>();
  for (const { record } of conversions) {
    if (record) seen.set(`${record.from}|${record.to}|${record.date}|${record.rate}`, record);
  }
  return [...seen.values()];
}
