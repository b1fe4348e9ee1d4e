import type { MarginFigures, MarginReport } from "./margin";

/**
 * The margin report's table as data, shared by the page and its CSV download so the file holds exactly
 * the rows and columns on screen: raw values here (exact decimals, YYYY-MM), formatted only by the page.
 */
export type MarginColumn = {
  key: string;
  label: string;
  /** How the page formats the raw value: money in the row's currency, in the base currency, a percent… */
  kind: "text" | "month" | "count" | "money" | "base" | "percent";
};
export type MarginTableRow = Record<string, string>;
export type MarginTable = {
  columns: MarginColumn[];
  rows: MarginTableRow[];
  /** One row per invoice currency, then the grand total in the base currency. */
  totals: MarginTableRow[];
};

const figures = (prefix: string, base: string): MarginColumn[] =>
  prefix === ""
    ? [
        { key: "sell", label: "Sell", kind: "money" },
        { key: "cost", label: "Cost", kind: "money" },
        { key: "margin", label: "Margin", kind: "money" },
        { key: "marginPercent", label: "Margin %", kind: "percent" },
      ]
    : [
        { key: "sellBase", label: `Sell (${base})`, kind: "base" },
        { key: "costBase", label: `Cost (${base})`, kind: "base" },
        { key: "marginBase", label: `Margin (${base})`, kind: "base" },
      ];

function values(own: MarginFigures | null, inBase: MarginFigures | null): MarginTableRow {
  return {
    sell: own?.sell ?? "",
    cost: own?.cost ?? "",
    margin: own?.margin ?? "",
    marginPercent: own?.marginPercent ?? "",
    sellBase: inBase?.sell ?? "",
    costBase: inBase?.cost ?? "",
    marginBase: inBase?.margin ?? "",
  };
}

export function marginTable(report: MarginReport): MarginTable {
  const base = report.baseCurrency;
  const byService = report.filters.view === "service";
  const columns: MarginColumn[] = byService
    ? [
        { key: "service", label: "Service", kind: "text" },
        { key: "sku", label: "SKU", kind: "text" },
        { key: "currency", label: "Currency", kind: "text" },
        { key: "lines", label: "Lines", kind: "count" },
      ]
    : [
        { key: "month", label: "Month", kind: "month" },
        { key: "reseller", label: "Reseller", kind: "text" },
        { key: "currency", label: "Currency", kind: "text" },
        { key: "invoices", label: "Invoices", kind: "count" },
      ];
  columns.push(...figures("", base), ...figures("base", base));
  const rows = byService
    ? report.byService.map((r) => ({
        service: r.service,
        sku: r.skuCode ?? "",
        currency: r.currency,
        lines: String(r.lines),
        ...values(r, r.base),
      }))
    : report.byReseller.map((r) => ({
        month: r.period,
        reseller: r.resellerName,
        resellerId: r.resellerId,
        currency: r.currency,
        invoices: String(r.invoices),
        ...values(r, r.base),
      }));
  const first = columns[0]?.key ?? "label";
  const count = byService ? "lines" : "invoices";
  const totals: MarginTableRow[] = report.totalsByCurrency.map((t) => ({
    [first]: `Total ${t.currency}`,
    currency: t.currency,
    // The by-service view counts lines, not invoices: no count on its total rows.
    [count]: byService ? "" : String(t.invoices),
    ...values(t, t.base),
  }));
  totals.push({
    [first]: `Total in ${base}`,
    currency: base,
    ...values(null, report.totalBase),
    marginPercent: report.totalBase?.marginPercent ?? "",
  });
  return { columns, rows, totals };
}
