// Small inputs for the engine's tests (not part of the public API).
import type { RatingInput, UsageRow } from "./types";

export const TEST_SKUS: RatingInput["skus"] = [
  { code: "pw_base_workstations", unit: "workload", aggregation: "peak", divisor: "1" },
  { code: "pw_base_storage", unit: "GB", aggregation: "peak", divisor: "1073741824" },
  { code: "pw_base_adv_dr_compute_points", unit: "hour", aggregation: "last", divisor: "3600" },
];

export const TEST_TIERS: RatingInput["tiers"] = [
  { code: "T0", commitment: { USD: "0" } },
  { code: "T1", commitment: { USD: "250" } },
  { code: "T2", commitment: { USD: "1000", EUR: "900" } },
];

const USD_PRICES: Record<string, [string, string, string]> = {
  pw_base_workstations: ["4.2000", "3.8000", "3.5000"],
  pw_base_storage: ["0.0950", "0.0850", "0.0780"],
  pw_base_adv_dr_compute_points: ["0.9000", "0.8500", "0.8000"],
};

/** USD sell prices for T0–T2, plus the same prices in EUR for workstations only. */
export const TEST_PRICES: RatingInput["prices"] = Object.entries(USD_PRICES).flatMap(([sku, prices]) =>
  prices.flatMap((unitPrice, index) => [
    { sku, tier: `T${index}`, currency: "USD", unitPrice },
    ...(sku === "pw_base_workstations" ? [{ sku, tier: `T${index}`, currency: "EUR", unitPrice }] : []),
  ]),
);

export function usageRows(customer: string, sku: string, values: [string, string | number][]): UsageRow[] {
  return values.map(([date, value]) => ({ customer, sku, date, value: String(value) }));
}

/** A T1, USD, full-month March 2024 contract paid since January; override what the test is about. */
export function testInput(overrides: Partial<RatingInput> = {}): RatingInput {
  return {
    period: "2024-03",
    currency: "USD",
    contract: {
      paidStart: "2024-01-01",
      endDate: null,
      rampUpCycles: 0,
      tiers: [{ from: "2024-01-01", tier: "T1" }],
    },
    tiers: TEST_TIERS,
    skus: TEST_SKUS,
    prices: TEST_PRICES,
    distributorDiscountPercent: "0",
    resellerAdjustment: null,
    fxRates: [],
    taxRatePercent: "0",
    usage: [],
    ...overrides,
  };
}
