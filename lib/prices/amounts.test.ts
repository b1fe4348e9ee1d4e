import { describe, expect, it } from "vitest";
import { checkAmount, plainAmount, sameAmount } from "./amounts";
import { diffCells, summariseChanges } from "./cells";

describe("price-book amounts", () => {
  it.each([
    ["12.5", { ok: true, value: "12.5" }],
    [" 2500.0000 ", { ok: true, value: "2500" }],
    ["0", { ok: true, value: "0" }],
    ["1.2345", { ok: true, value: "1.2345" }],
    ["1.23456", { ok: false, message: "1.23456 has 5 decimals; at most 4" }],
    ["-4", { ok: false, message: "-4 is negative; amounts are 0 or more" }],
    ["12,5", { ok: false, message: "“12,5” is not a decimal number (digits with a dot, e.g. 12.5)" }],
    ["", { ok: false, message: "the amount is missing" }],
    [
      "123456789012345",
      { ok: false, message: "123456789012345 is too large (at most 14 digits before the dot)" },
    ],
  ])("%j → %j", (raw, expected) => {
    expect(checkAmount(raw)).toEqual(expected);
  });

  it("shows at least 2 decimals and keeps the 4 stored", () => {
    expect(plainAmount("2500.0000")).toBe("2500.00");
    expect(plainAmount("3.4960")).toBe("3.496");
    expect(sameAmount("2500", "2500.0000")).toBe(true);
    expect(sameAmount(null, "0")).toBe(false);
  });

  it("diffs cells into changed, added and removed", () => {
    const current = new Map([
      ["commitment|T1||USD", "250"],
      ["commitment|T1||EUR", "230"],
      ["price|T1|ws|USD", "4.2"],
    ]);
    const next = new Map([
      ["commitment|T1||USD", "250.00"],
      ["price|T1|ws|USD", "4.5"],
      ["price|T1|srv|USD", "20"],
    ]);
    const changes = diffCells(current, next, (a, b) => sameAmount(a, b));
    expect(changes).toEqual([
      { kind: "commitment", tier: "T1", sku: null, currency: "EUR", from: "230", to: null },
      { kind: "price", tier: "T1", sku: "srv", currency: "USD", from: null, to: "20" },
      { kind: "price", tier: "T1", sku: "ws", currency: "USD", from: "4.2", to: "4.5" },
    ]);
    expect(summariseChanges(changes)).toEqual({ changed: 1, added: 1, removed: 1 });
  });
});
