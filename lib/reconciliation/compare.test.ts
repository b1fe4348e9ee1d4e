import { describe, expect, it } from "vitest";
import { dec } from "@/lib/billing";
import {
  type AcronisQuantity,
  type BilledQuantity,
  type CompareInput,
  compareUsage,
  flagReason,
  toBillingUnits,
} from "./compare";

const GIB = 2 ** 30;
const skus = [
  { code: "pw_base_workstations", name: "Workstations", unit: "workload", aggregation: "peak", divisor: "1" },
  { code: "pw_base_storage", name: "Backup storage", unit: "GB", aggregation: "peak", divisor: String(GIB) },
  {
    code: "pw_base_adv_dr_compute_points",
    name: "DR compute points",
    unit: "hour",
    aggregation: "last",
    divisor: "3600",
  },
] as const satisfies CompareInput["skus"];

const resellers = [
  { id: "r-acme", name: "Acme IT", invoiced: true },
  { id: "r-bolt", name: "Bolt Systems", invoiced: true },
];
const customers = [
  { id: "c-1", name: "Alpha GmbH", path: "", resellerId: "r-acme" },
  { id: "c-2", name: "Beta AG", path: "Folder A", resellerId: "r-acme" },
  { id: "c-3", name: "Gamma KG", path: "", resellerId: "r-bolt" },
];

const usage = (customerId: string, skuCode: string, peak: string, last = peak): AcronisQuantity => ({
  resellerId: customers.find((c) => c.id === customerId)!.resellerId,
  customerId,
  skuCode,
  peak,
  last,
});
const line = (
  customerId: string,
  skuCode: string,
  quantity: string,
  unitPrice = "2.5000",
): BilledQuantity => ({
  resellerId: customers.find((c) => c.id === customerId)!.resellerId,
  customerId,
  skuCode,
  quantity,
  unitPrice,
  currency: "EUR",
});

function compare(acronis: AcronisQuantity[], billed: BilledQuantity[], tolerancePercent = "0.5") {
  return compareUsage({ tolerancePercent, skus, resellers, customers, acronis, billed });
}

describe("toBillingUnits", () => {
  it.each([
    ["peak workloads are the peak", skus[0], "12", "9", "12.0000"],
    ["storage bytes are GB (÷ 2^30), 4 decimals half-up", skus[1], String(100.5 * GIB), "0", "100.5000"],
    ["a byte short of 1 GB rounds to 1.0000", skus[1], String(GIB - 1), "0", "1.0000"],
    ["compute points bill the last value, seconds → hours", skus[2], "99999", "5400", "1.5000"],
  ])("%s", (_name, sku, peak, last, expected) => {
    expect(toBillingUnits(sku, peak, last).toFixed(4)).toBe(expected);
  });
});

describe("flagReason", () => {
  it.each([
    ["equal quantities", "10", "10", "0.5", null],
    ["a difference of exactly the tolerance", "200", "199", "0.5", null],
    ["a difference just beyond it", "200", "198.99", "0.5", "over_tolerance"],
    ["Tierline billed nothing for usage Acronis reports", "0.0001", "0", "50", "not_billed"],
    ["Tierline billed usage Acronis does not report", "0", "0.0001", "100", "billed_without_usage"],
    ["billed more than Acronis, beyond the tolerance", "100", "101", "0.5", "over_tolerance"],
    ["a zero tolerance flags any difference", "1000", "999.9999", "0", "over_tolerance"],
  ])("%s", (_name, acronis, billed, tolerance, expected) => {
    expect(flagReason(dec(acronis), dec(billed), dec(tolerance))).toBe(expected);
  });
});

describe("compareUsage", () => {
  it("shows no difference when the invoice billed what Acronis reports", () => {
    const result = compare(
      [
        usage("c-1", "pw_base_workstations", "12"),
        usage("c-1", "pw_base_storage", String(250 * GIB)),
        usage("c-3", "pw_base_adv_dr_compute_points", "7200", "3600"),
      ],
      [
        line("c-1", "pw_base_workstations", "12.0000"),
        line("c-1", "pw_base_storage", "250.0000", "0.0500"),
        line("c-3", "pw_base_adv_dr_compute_points", "1.0000", "1.2000"),
      ],
    );
    expect(result.flaggedServices).toBe(0);
    expect(result.flaggedCustomers).toBe(0);
    expect(
      result.rows.map((r) => [r.customerName, r.skuCode, r.acronisQuantity, r.billedQuantity, r.difference]),
    ).toEqual([
      ["Alpha GmbH", "pw_base_storage", "250.0000", "250.0000", "0.0000"],
      ["Alpha GmbH", "pw_base_workstations", "12.0000", "12.0000", "0.0000"],
      ["Gamma KG", "pw_base_adv_dr_compute_points", "1.0000", "1.0000", "0.0000"],
    ]);
    const acme = result.resellers.find((r) => r.name === "Acme IT")!;
    // Services in catalogue order; none lists customers, since none differs.
    expect(acme.services.map((s) => [s.skuCode, s.flagged, s.customers.length])).toEqual([
      ["pw_base_workstations", false, 0],
      ["pw_base_storage", false, 0],
    ]);
    expect(result.atStake).toEqual([{ currency: "EUR", amount: "0.00" }]);
  });

  it("flags a customer whose usage grew after the invoice, with the quantity and revenue at stake", () => {
    const result = compare(
      [usage("c-1", "pw_base_workstations", "20"), usage("c-2", "pw_base_workstations", "8")],
      [line("c-1", "pw_base_workstations", "12.0000"), line("c-2", "pw_base_workstations", "8.0000")],
    );
    const service = result.resellers[0]!.services[0]!;
    expect(result.resellers[0]!.name).toBe("Acme IT");
    expect(service).toMatchObject({
      skuCode: "pw_base_workstations",
      acronisQuantity: "28.0000",
      billedQuantity: "20.0000",
      difference: "8.0000",
      differencePercent: "28.57",
      flagged: true,
      reason: "over_tolerance",
      atStake: [{ currency: "EUR", amount: "20.00" }],
    });
    expect(service.customers.map((c) => [c.customerName, c.difference, c.atStake?.amount, c.reason])).toEqual(
      [["Alpha GmbH", "8.0000", "20.00", "over_tolerance"]],
    );
    expect(result.flaggedResellers).toBe(1);
    expect(result.flaggedCustomers).toBe(1);
  });

  it("keeps a difference within the tolerance visible but unflagged", () => {
    const result = compare(
      [usage("c-3", "pw_base_workstations", "1000")],
      [line("c-3", "pw_base_workstations", "997")],
    );
    const service = result.resellers.find((r) => r.name === "Bolt Systems")!.services[0]!;
    expect(service).toMatchObject({
      difference: "3.0000",
      differencePercent: "0.30",
      flagged: false,
      reason: null,
    });
    expect(service.customers).toHaveLength(1);
    expect(result.flaggedServices).toBe(0);
  });

  it("flags a customer billed nothing, priced at the invoice's own unit price for that service", () => {
    const result = compare(
      [usage("c-1", "pw_base_storage", String(1000 * GIB)), usage("c-2", "pw_base_storage", String(2 * GIB))],
      [line("c-1", "pw_base_storage", "1000.0000", "0.0450")],
    );
    const service = result.resellers[0]!.services[0]!;
    // 2 GB of 1002 is 0.2 %: within the tolerance for the service, but an unbilled customer is always flagged.
    expect(service).toMatchObject({ differencePercent: "0.20", flagged: true, reason: "not_billed" });
    expect(service.customers[0]).toMatchObject({
      customerName: "Beta AG",
      customerPath: "Folder A",
      acronisQuantity: "2.0000",
      billedQuantity: "0.0000",
      unitPrice: "0.0450",
      atStake: { currency: "EUR", amount: "0.09" },
      reason: "not_billed",
    });
  });

  it("flags usage billed that Acronis does not report, as a negative amount at stake", () => {
    const result = compare([], [line("c-3", "pw_base_workstations", "3.0000", "4.0000")]);
    const service = result.resellers.find((r) => r.name === "Bolt Systems")!.services[0]!;
    expect(service).toMatchObject({
      acronisQuantity: "0.0000",
      billedQuantity: "3.0000",
      difference: "-3.0000",
      differencePercent: null,
      flagged: true,
      reason: "billed_without_usage",
      atStake: [{ currency: "EUR", amount: "-12.00" }],
    });
  });

  it("does not let two customers' differences cancel out", () => {
    const result = compare(
      [usage("c-1", "pw_base_workstations", "15"), usage("c-2", "pw_base_workstations", "5")],
      [line("c-1", "pw_base_workstations", "10.0000"), line("c-2", "pw_base_workstations", "10.0000")],
    );
    const service = result.resellers[0]!.services[0]!;
    expect(service).toMatchObject({ difference: "0.0000", flagged: true, reason: "over_tolerance" });
    expect(service.customers.map((c) => [c.customerName, c.difference])).toEqual([
      ["Alpha GmbH", "5.0000"],
      ["Beta AG", "-5.0000"],
    ]);
    expect(service.atStake).toEqual([{ currency: "EUR", amount: "0.00" }]);
  });

  it("lists a reseller with Acronis usage and no issued invoice, flagged with no price to value it", () => {
    const result = compareUsage({
      tolerancePercent: "0.5",
      skus,
      resellers: [{ id: "r-new", name: "New Reseller", invoiced: false }],
      customers: [{ id: "c-9", name: "Nu Ltd", path: "", resellerId: "r-new" }],
      acronis: [
        { resellerId: "r-new", customerId: "c-9", skuCode: "pw_base_workstations", peak: "4", last: "4" },
      ],
      billed: [],
    });
    expect(result.resellers[0]).toMatchObject({
      name: "New Reseller",
      invoiced: false,
      flaggedServices: 1,
      atStake: [],
    });
    expect(result.rows[0]).toMatchObject({ reason: "not_billed", unitPrice: null, atStake: null });
  });

  it("keeps an invoiced reseller with nothing to compare, and leaves out one with neither", () => {
    const result = compareUsage({
      tolerancePercent: "0.5",
      skus,
      resellers: [
        { id: "r-quiet", name: "Quiet", invoiced: true },
        { id: "r-none", name: "Nothing", invoiced: false },
      ],
      customers: [],
      acronis: [],
      billed: [],
    });
    expect(result.resellers.map((r) => [r.name, r.services.length])).toEqual([["Quiet", 0]]);
  });

  it("sums lines of one customer and SKU (two invoices in a month) and totals money per currency", () => {
    const result = compareUsage({
      tolerancePercent: "0.5",
      skus,
      resellers,
      customers,
      acronis: [usage("c-1", "pw_base_workstations", "10"), usage("c-3", "pw_base_workstations", "10")],
      billed: [
        line("c-1", "pw_base_workstations", "4.0000"),
        line("c-1", "pw_base_workstations", "4.0000"),
        { ...line("c-3", "pw_base_workstations", "9.0000", "1.5000"), currency: "GBP" },
      ],
    });
    expect(result.rows.map((r) => [r.customerName, r.billedQuantity, r.atStake])).toEqual([
      ["Alpha GmbH", "8.0000", { currency: "EUR", amount: "5.00" }],
      ["Gamma KG", "9.0000", { currency: "GBP", amount: "1.50" }],
    ]);
    expect(result.atStake).toEqual([
      { currency: "EUR", amount: "5.00" },
      { currency: "GBP", amount: "1.50" },
    ]);
    // Flagged resellers first.
    expect(result.resellers.map((r) => r.name)).toEqual(["Acme IT", "Bolt Systems"]);
  });
});
