import { z } from "zod";
import { type IsoDate, isIsoDate, isPeriod } from "./dates";
import type { FxRate } from "./fx";
import { dec } from "./money";

/**
 * The rating input, in the golden case-file format (shared/billing-cases/README.md), as zod schemas so
 * every boundary (CLI, billing run, tests) validates it the same way. Decimals are strings; a JSON number
 * is accepted and turned into its decimal string, so `"value": 10` is not rejected for a missing quote.
 */
const decimalPattern = /^\d+(\.\d+)?$/;
const decimal = z
  .union([z.string(), z.number()], { error: 'expected a decimal string such as "12.50"' })
  .transform(String)
  .pipe(z.string().regex(decimalPattern, 'expected a non-negative decimal such as "12.50"'));
const positiveDecimal = decimal.refine((value) => /[1-9]/.test(value), "must be greater than 0");
const percentage = decimal.refine((value) => dec(value).lessThanOrEqualTo(100), "must be at most 100");
const currency = z.string().regex(/^[A-Z]{3}$/, "expected an ISO 4217 code such as USD");
const isoDate = z.string().refine(isIsoDate, "expected a calendar date YYYY-MM-DD");
const code = z.string().min(1);

export const fxRateSchema = z.object({ from: currency, to: currency, rate: positiveDecimal, date: isoDate });

export const priceAdjustmentSchema = z.object({
  kind: z.enum(["sell_discount", "cost_markup", "cost_margin"]),
  percent: decimal,
});

export const skuSchema = z.object({
  code,
  unit: z.string(),
  aggregation: z.enum(["peak", "last"]),
  divisor: positiveDecimal,
});

export const usageRowSchema = z.object({ customer: code, sku: code, date: isoDate, value: decimal });

export const contractTermsSchema = z.object({
  paidStart: isoDate,
  endDate: isoDate.nullable(),
  rampUpCycles: z.number().int().min(0),
  tiers: z.array(z.object({ from: isoDate, tier: code })).min(1),
});

export const ratingInputSchema = z.object({
  period: z.string().refine(isPeriod, "expected a month YYYY-MM"),
  currency,
  baseCurrency: currency.optional(),
  contract: contractTermsSchema,
  tiers: z.array(z.object({ code, commitment: z.record(currency, decimal) })),
  skus: z.array(skuSchema),
  prices: z.array(z.object({ sku: code, tier: code, currency, unitPrice: decimal })),
  distributorDiscountPercent: percentage,
  resellerAdjustment: priceAdjustmentSchema.nullable(),
  fxRates: z.array(fxRateSchema),
  taxRatePercent: decimal,
  usage: z.array(usageRowSchema),
});

/** A case file: `{ name, description, input, expected }`; only `input` is needed to rate. */
export const billingCaseFileSchema = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  input: ratingInputSchema,
  expected: z.unknown().optional(),
});

export type RatingInput = z.output<typeof ratingInputSchema>;
export type ContractTerms = RatingInput["contract"];
export type TierDefinition = RatingInput["tiers"][number];
export type SkuDefinition = z.output<typeof skuSchema>;
export type PriceEntry = RatingInput["prices"][number];
export type PriceAdjustment = z.output<typeof priceAdjustmentSchema>;
export type UsageRow = z.output<typeof usageRowSchema>;

/** Options of `ratePeriod`. */
export type RatingOptions = {
  /**
   * Month-to-date estimate: only usage dated on or before `asOf` counts and the tier is the one in force
   * on that day. The commitment stays the contract's for the period (not cut at `asOf`), so the estimate
   * reads "the invoice if usage stays as it is"; null/absent rates the closed period.
   */
  asOf?: string | null;
};

/** A usage line: one customer's SKU for the period. Amounts are strings in the invoice currency. */
export type UsageLine = {
  type: "usage";
  customer: string;
  sku: string;
  unit: string;
  /** Billed quantity, 4 decimals. */
  quantity: string;
  /** Unit price in the invoice currency, 4 decimals. */
  unitPrice: string;
  /** quantity × unitPrice in minor units. */
  amount: string;
  /** The price-list currency the sell price came from. */
  priceCurrency: string;
  /** Distributor cost for the margin report; never shown to resellers. */
  cost: { unitCost: string; amount: string };
};

export type CommitmentTopUpLine = { type: "commitment_topup"; description: string; amount: string };

export type CommitmentWaivedLine = {
  type: "commitment_waived";
  description: string;
  amount: string;
  cycle: number;
  rampUpCycles: number;
};

export type InvoiceLine = UsageLine | CommitmentTopUpLine | CommitmentWaivedLine;

export type NotBillable = { billable: false; period: string };

export type RatedPeriod = {
  billable: true;
  period: string;
  currency: string;
  tier: string;
  cycle: number;
  activeDays: number;
  periodDays: number;
  /** The active window [start, end) the commitment is prorated on. */
  window: { start: IsoDate; end: IsoDate };
  asOf: IsoDate | null;
  /** Usage lines by customer then SKU, then the top-up or waiver line if any. */
  lines: InvoiceLine[];
  consumption: string;
  commitment: string;
  rampUpWaived: boolean;
  topUp: string;
  subtotal: string;
  taxRatePercent: string;
  tax: string;
  total: string;
  /** Sum of the usage lines' distributor cost. */
  cost: string;
  /** The rate printed on the invoice: the first one used (prices before commitment), or null. */
  fx: FxRate | null;
  /** Every distinct stored rate used, in order of first use. */
  fxRates: FxRate[];
};

export type RatingResult = NotBillable | RatedPeriod;
