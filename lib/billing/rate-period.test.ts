import { describe, expect, it } from "vitest";
import { BillingError } from "./errors";
import { ratePeriod } from "./rate-period";
import { TEST_PRICES, testInput, usageRows } from "./test-support";
import type { RatedPeriod, RatingInput, RatingResult } from "./types";

function rated(result: RatingResult): RatedPeriod {
  if (!result.billable) throw new Error("expected a billable period");
  return result;
}

const marchUsage = [
  ...usageRows("Zeta", "pw_base_workstations", [["2024-03-02", 4]]),
  ...usageRows("Acme", "pw_base_workstations", [
    ["2024-03-05", 10],
    ["2024-03-20", 50],
  ]),
  ...usageRows("Acme", "pw_base_storage", [["2024-03-06", "1073741824"]]),
];

describe("ratePeriod", () => {
  it("groups lines by customer then SKU and keeps the distributor cost per line", () => {
    const result = rated(ratePeriod(testInput({ usage: marchUsage, distributorDiscountPercent: "30" })));
    expect(
      result.lines.map((line) => (line.type === "usage" ? `${line.customer}/${line.sku}` : line.type)),
    ).toEqual([
      "Acme/pw_base_storage",
      "Acme/pw_base_workstations",
      "Zeta/pw_base_workstations",
      "commitment_topup",
    ]);
    expect(result.lines[1]).toMatchObject({
      unit: "workload",
      amount: "190.00",
      priceCurrency: "USD",
      cost: { unitCost: "2.6600", amount: "133.00" },
    });
    expect(result.cost).toBe("143.70"); // storage 0.0595 → 0.06, + 133.00 + 10.64
  });

  it("estimates month to date with asOf: usage clipped, commitment for the whole period", () => {
    const estimate = rated(ratePeriod(testInput({ usage: marchUsage }), { asOf: "2024-03-10" }));
    expect(
      estimate.lines.find(
        (line) => line.type === "usage" && line.customer === "Acme" && line.unit === "workload",
      ),
    ).toMatchObject({ quantity: "10.0000", amount: "38.00" });
    expect([estimate.activeDays, estimate.commitment, estimate.asOf]).toEqual([31, "250.00", "2024-03-10"]);
    const closed = ratePeriod(testInput({ usage: marchUsage }));
    expect(ratePeriod(testInput({ usage: marchUsage }), { asOf: "2024-04-15" })).toEqual({
      ...closed,
      asOf: "2024-04-15",
    });
  });

  it("has nothing to estimate before the paid start", () => {
    const contract = {
      paidStart: "2024-03-15",
      endDate: null,
      rampUpCycles: 0,
      tiers: [{ from: "2024-03-15", tier: "T1" }],
    };
    expect(ratePeriod(testInput({ contract }), { asOf: "2024-03-14" })).toEqual({
      billable: false,
      period: "2024-03",
    });
  });

  it("labels a ramp-up waiver with its cycle", () => {
    const contract = {
      paidStart: "2024-02-10",
      endDate: null,
      rampUpCycles: 3,
      tiers: [{ from: "2024-02-10", tier: "T1" }],
    };
    const result = rated(ratePeriod(testInput({ contract })));
    expect(result.lines).toEqual([
      {
        type: "commitment_waived",
        description: "minimum commitment waived (ramp-up, cycle 2 of 3)",
        amount: "0.00",
        cycle: 2,
        rampUpCycles: 3,
      },
    ]);
    expect([result.rampUpWaived, result.total, result.commitment]).toEqual([true, "0.00", "250.00"]);
  });

  it("prints the price rate first when prices and commitment use different rates", () => {
    const fxRates = [
      { from: "USD", to: "GBP", rate: "0.8", date: "2024-03-01" },
      { from: "EUR", to: "GBP", rate: "0.85", date: "2024-03-01" },
    ];
    const input = testInput({ currency: "GBP", baseCurrency: "EUR", fxRates, usage: marchUsage.slice(0, 1) });
    const result = rated(ratePeriod(input));
    expect(result.fx).toEqual(fxRates[1]);
    expect(result.fxRates).toEqual([fxRates[1], fxRates[0]]);
    expect(result.commitment).toBe("200.00");
  });

  it("needs no FX rate for a zero commitment", () => {
    const contract = {
      paidStart: "2024-01-01",
      endDate: null,
      rampUpCycles: 0,
      tiers: [{ from: "2024-01-01", tier: "T0" }],
    };
    const result = rated(ratePeriod(testInput({ currency: "EUR", contract, usage: marchUsage.slice(0, 1) })));
    expect([result.commitment, result.total, result.fx]).toEqual(["0.00", "16.80", null]);
  });

  it.each<[string, Partial<RatingInput>, string]>([
    ["an unknown SKU", { usage: usageRows("Acme", "pw_mystery", [["2024-03-01", 1]]) }, "unknown_sku"],
    [
      "a missing price",
      { prices: TEST_PRICES.filter((price) => price.sku !== "pw_base_storage"), usage: marchUsage },
      "missing_price",
    ],
    ["a missing FX rate", { currency: "SEK" }, "missing_fx_rate"],
    [
      "no tier in force",
      {
        contract: {
          paidStart: "2024-01-01",
          endDate: null,
          rampUpCycles: 0,
          tiers: [{ from: "2024-04-01", tier: "T1" }],
        },
      },
      "no_tier_in_force",
    ],
    ["an unknown tier", { tiers: [] }, "unknown_tier"],
  ])("refuses to guess on %s", (_label, overrides, code) => {
    expect(() => ratePeriod(testInput(overrides))).toThrow(expect.objectContaining({ code }));
    expect(() => ratePeriod(testInput(overrides))).toThrow(BillingError);
  });
});
