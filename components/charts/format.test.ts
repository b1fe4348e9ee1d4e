import { stringify } from "csv-stringify/sync";
import { describe, expect, test } from "vitest";
import { neutraliseCsvCell } from "@/lib/invoices/csv";
import {
  csvField,
  dayLabel,
  formatCompactMoney,
  formatCompactNumber,
  monthLabel,
  monthShortLabel,
  OTHER_COLOR,
  PALETTE,
  seriesColor,
  toCsv,
  toNumber,
  truncateLabel,
} from "./format";

// Intl separates a currency code from the number with a no-break space.
const nbsp = (s: string) => s.replace(/\u00a0/g, " ");

describe("axis labels", () => {
  test.each([
    [1234.5, "USD", "$1.2K"],
    [950, "USD", "$950"],
    [0, "USD", "$0"],
    [2_500_000, "EUR", "€2.5M"],
    [12.25, "USD", "$12.3"],
    [3400, "SEK", "SEK 3.4K"],
    [1500, "JPY", "¥1.5K"],
  ])("formatCompactMoney(%s, %s) = %s", (value, currency, expected) => {
    expect(nbsp(formatCompactMoney(value, currency))).toBe(expected);
  });

  test("compact numbers", () => {
    expect(formatCompactNumber(1234)).toBe("1.2K");
    expect(formatCompactNumber(0.5)).toBe("0.5");
  });

  test.each([
    ["2026-11-03", "Nov 3"],
    ["2026-01-01", "Jan 1"],
    ["2026-12-31", "Dec 31"],
    ["2026-11-03T23:59:59Z", "Nov 3"],
  ])("dayLabel(%s) = %s in UTC", (day, expected) => {
    expect(dayLabel(day)).toBe(expected);
  });

  test("month labels", () => {
    expect(monthLabel("2026-11")).toBe("Nov 2026");
    expect(monthLabel("2027-01")).toBe("Jan 2027");
    expect(monthShortLabel("2026-11")).toBe("Nov");
    expect(monthShortLabel("2026-12")).toBe("Dec");
  });

  test("truncateLabel keeps short labels and cuts long ones with an ellipsis", () => {
    expect(truncateLabel("Backup", 10)).toBe("Backup");
    expect(truncateLabel("Acronis Hosted Storage", 10)).toBe("Acronis H…");
    expect(truncateLabel("Acronis Hosted Storage", 10)).toHaveLength(10);
  });
});

describe("palette", () => {
  test("8–10 distinct colours, none of them the Other grey", () => {
    expect(PALETTE.length).toBeGreaterThanOrEqual(8);
    expect(PALETTE.length).toBeLessThanOrEqual(10);
    expect(new Set(PALETTE.map((c) => c.toLowerCase())).size).toBe(PALETTE.length);
    expect(PALETTE).not.toContain(OTHER_COLOR);
  });

  test("seriesColor cycles", () => {
    expect(seriesColor(0)).toBe(PALETTE[0]);
    expect(seriesColor(PALETTE.length)).toBe(PALETTE[0]);
  });
});

describe("toNumber", () => {
  test.each([
    ["1234.5678", 1234.5678],
    ["-12.50", -12.5],
    ["0", 0],
    ["", 0],
    [null, 0],
    [undefined, 0],
    ["abc", 0],
  ])("toNumber(%s) = %s", (value, expected) => {
    expect(toNumber(value)).toBe(expected);
  });
});

describe("toCsv", () => {
  const columns = [
    { key: "name", label: "Customer" },
    { key: "amount", label: "Amount" },
  ];

  test("a header, one record per row, CRLF after each (RFC 4180)", () => {
    expect(toCsv(columns, [{ name: "Acme", amount: "12.5000" }])).toBe("Customer,Amount\r\nAcme,12.5000\r\n");
  });

  test("quotes fields with commas, quotes and line breaks; doubles quotes", () => {
    const csv = toCsv(columns, [
      { name: 'Acme, "Cloud" Ltd', amount: "1" },
      { name: "Two\nlines", amount: "2" },
    ]);
    expect(csv).toBe('Customer,Amount\r\n"Acme, ""Cloud"" Ltd",1\r\n"Two\nlines",2\r\n');
  });

  test("missing values are empty fields, in column order", () => {
    expect(toCsv(columns, [{ amount: "3" }])).toBe("Customer,Amount\r\n,3\r\n");
  });

  test("neutralises formulas but keeps signed decimals numbers", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("-12.50")).toBe("-12.50");
    expect(csvField("-1+2")).toBe("'-1+2");
  });

  test.each(["Acme", "=1+2", "-12.50", "-1+2", "@x", "\tTab", "plain text"])(
    "the formula rule matches the invoice CSV's for %j",
    (value) => {
      expect(csvField(value).replace(/^"|"$/g, "")).toBe(neutraliseCsvCell(value));
    },
  );

  test("agrees with csv-stringify on awkward fields", () => {
    const rows = [
      { name: 'Quote " inside', amount: "1.00" },
      { name: "Comma, inside", amount: "-2.00" },
      { name: "CR\r\nLF", amount: "" },
      { name: "Ünïcödé ✓", amount: "0" },
    ];
    const expected = stringify([columns.map((c) => c.label), ...rows.map((r) => [r.name, r.amount])], {
      record_delimiter: "\r\n",
    });
    expect(toCsv(columns, rows)).toBe(expected);
  });
});
