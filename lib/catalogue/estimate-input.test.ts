import { describe, expect, it } from "vitest";
import { type EstimateField, estimateRequestSchema, fieldKind, validateQuantities } from "./estimate-input";

const fields: EstimateField[] = [
  { code: "ws", name: "Workstations", unit: "workload", kind: fieldKind("1") },
  { code: "storage", name: "Backup storage", unit: "GB", kind: fieldKind("1073741824.0000") },
];

describe("validateQuantities", () => {
  it("accepts whole counts and GB with up to 4 decimals; empty means 0", () => {
    expect(validateQuantities(fields, { ws: "007", storage: "12.3456" })).toEqual({
      ok: true,
      quantities: { ws: "7", storage: "12.3456" },
    });
    expect(validateQuantities(fields, { ws: " ", storage: 0.5 })).toEqual({
      ok: true,
      quantities: { ws: "0", storage: "0.5" },
    });
  });

  it.each([
    ["ws", "-1", /whole number/],
    ["ws", "2.5", /whole number/],
    ["ws", "abc", /whole number/],
    ["ws", "100001", /at most 100,000/],
    ["storage", "1.23456", /at most 4 decimals/],
    ["storage", "-3", /0 or more/],
    ["storage", "1e3", /at most 4 decimals/],
    ["storage", "10000000.0001", /at most 10,000,000 GB/],
  ])("refuses %s = %s", (code, value, message) => {
    const result = validateQuantities(fields, { [code]: value });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors[code]?.[0]).toMatch(message);
  });

  it("refuses keys that are not estimator fields", () => {
    const result = validateQuantities(fields, { ws: "1", pw_base_mobiles: "3" });
    expect(result).toEqual({
      ok: false,
      fieldErrors: { pw_base_mobiles: ["Not an item of the estimator."] },
    });
  });
});

describe("estimateRequestSchema", () => {
  it("upper-cases the currency and refuses a non-code", () => {
    expect(estimateRequestSchema.parse({ currency: "eur", quantities: {} }).currency).toBe("EUR");
    expect(estimateRequestSchema.safeParse({ currency: "EURO", quantities: {} }).success).toBe(false);
  });
});
