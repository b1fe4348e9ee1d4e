import { describe, expect, it } from "vitest";
import { neutraliseCsvCell, renderInvoiceCsv } from "./csv";
import type { InvoiceDocument } from "./document";
import { parseCsv } from "./test-support";

function documentWith(customerName: string, description: string): InvoiceDocument {
  return {
    id: "11111111-1111-4111-8111-111111111111",
    number: "INV-2026-000001",
    currency: "EUR",
    customers: [
      {
        customerId: "c1",
        customerName,
        subtotal: "-12.50",
        lines: [
          {
            skuCode: "PG-WORKSTATION",
            description,
            quantity: "3.0000",
            unit: "device",
            unitPrice: "-4.1667",
            amount: "-12.50",
          },
        ],
      },
    ],
    consumption: "-12.50",
    commitmentLine: { type: "commitment_topup", description: "Top-up to the commitment", amount: "112.50" },
    subtotal: "100.00",
    taxRatePercent: "21",
    tax: "21.00",
    total: "121.00",
  } as InvoiceDocument;
}

describe("neutraliseCsvCell", () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ["@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
    ["-", "'-"],
    ["Acme = best", "Acme = best"],
    ["Northwind GmbH", "Northwind GmbH"],
    ["", ""],
  ])("%j becomes %j", (input, expected) => {
    expect(neutraliseCsvCell(input)).toBe(expected);
  });

  it.each(["-12.50", "12.50", "+3", "0", "-0.0001", "528.8710"])("keeps the number %s a number", (n) => {
    expect(neutraliseCsvCell(n)).toBe(n);
  });
});

describe("renderInvoiceCsv", () => {
  it("writes a formula-like customer name and description as inert text, negative amounts as numbers", () => {
    const csv = renderInvoiceCsv(documentWith('=HYPERLINK("http://x","y")', "@evil"));
    const [line] = parseCsv(csv);
    expect(line?.customer).toBe(`'=HYPERLINK("http://x","y")`);
    expect(line?.description).toBe("'@evil");
    expect(line?.amount).toBe("-12.50");
    expect(line?.unit_price).toBe("-4.1667");
    // No cell of the file starts with a formula character unless it is a plain number.
    for (const row of parseCsv(csv)) {
      for (const cell of Object.values(row)) {
        if (/^[=+\-@\t\r]/.test(cell)) expect(cell).toMatch(/^[-+]?\d+(\.\d+)?$/);
      }
    }
  });
});
