import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { type ListSpec, parseListParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";
import { type InvoiceRow, InvoiceTable } from "./invoice-table";

const spec = {
  sorts: {
    period: { dir: "desc" },
    issued: { dir: "desc" },
    number: { dir: "desc" },
    total: { dir: "desc" },
  },
  defaultSort: "period" as const,
  filters: {},
} satisfies ListSpec;

const row: InvoiceRow = {
  id: "0b6c1a52-5d55-4a43-9a3e-8f1f8f0d2f11",
  number: "INV-2026-000042",
  status: "issued",
  period: "2026-10",
  currency: "EUR",
  total: "1250.50",
  tierName: "Tier 2",
  invoiceDate: "2026-11-01",
  reseller: "Northwind IT Services",
};

describe("InvoiceTable", () => {
  it("without a list's links: plain headers, the invoice's row", () => {
    const html = renderToStaticMarkup(h(InvoiceTable, { rows: [row], hrefBase: "/portal/invoices" }));
    expect(html).not.toContain("aria-sort");
    expect(html).not.toContain("Northwind");
    expect(html).toContain('href="/portal/invoices/0b6c1a52-5d55-4a43-9a3e-8f1f8f0d2f11"');
    expect(html).toContain("INV-2026-000042");
  });

  it("with a list's links: invoice, period, total and date headers sort, the sorted one says which way", () => {
    const params = parseListParams(spec, { sort: "total", dir: "asc", q: "north" });
    const links = listLinks("/admin/invoices", spec, params, { nextCursor: null, prevCursor: null });
    const html = renderToStaticMarkup(
      h(InvoiceTable, { rows: [row], hrefBase: "/admin/invoices", showReseller: true, links }),
    );
    expect(html.match(/aria-sort="/g)).toHaveLength(4);
    expect(html).toContain('aria-sort="ascending"');
    expect(html).toContain('href="/admin/invoices?q=north&amp;sort=total"');
    expect(html).toContain('href="/admin/invoices?q=north&amp;sort=number"');
    expect(html).toContain('href="/admin/invoices?q=north&amp;sort=issued"');
    expect(html).toContain('href="/admin/invoices?q=north"');
    expect(html).toContain("Northwind IT Services");
  });
});
