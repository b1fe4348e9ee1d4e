import Link from "next/link";
import { MarginFilterForm } from "@/components/admin/reports/margin-filter-form";
import { MarginReportTable } from "@/components/admin/reports/margin-report-table";
import { monthLabel } from "@/components/charts/format";
import { MarginPerMonthChart } from "@/components/charts/margin-per-month-chart";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Kpi } from "@/components/ui/kpi";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { formatMoney } from "@/lib/format";
import { marginReport } from "@/lib/reports/margin";
import { marginQuery, parseMarginFilters } from "@/lib/reports/margin-filters";
import { marginTable } from "@/lib/reports/margin-table";

export const metadata = { title: "Margin report" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Distributor staff only (admin:read): the report shows the distributor's cost, never shown to resellers. */
export default async function MarginReportPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await pageContext("admin:read", "/admin/reports/margin");
  const filters = parseMarginFilters(await searchParams, ctx.today);
  const report = await marginReport(ctx.db, filters);
  const table = marginTable(report);
  const base = report.baseCurrency;
  const range =
    filters.from === filters.to
      ? monthLabel(filters.from)
      : `${monthLabel(filters.from)} to ${monthLabel(filters.to)}`;
  const views = [
    { value: "reseller", label: "By reseller" },
    { value: "service", label: "By service" },
  ] as const;

  return (
    <>
      <PageHeader
        title="Margin report"
        description="What resellers were billed (sell), what it cost you (the distributor discount), and your margin."
      />
      <div className="flex flex-col gap-6">
        <MarginFilterForm
          filters={filters}
          resellers={report.choices.resellers}
          currencies={report.choices.currencies}
        />
        <HowCounted base={base} />
        {report.missingRates.length > 0 && (
          <div
            role="alert"
            className="rounded-lg bg-amber-50 px-5 py-4 text-sm text-amber-950 ring-1 ring-amber-200"
          >
            Amounts in {base} are incomplete: no FX rate for {report.missingRates.join("; ")}.{" "}
            <Link href="/admin/fx" className="font-semibold underline">
              Add the rate under FX rates
            </Link>
            . Amounts in each invoice's currency are complete.
          </div>
        )}
        <section
          aria-label={`Totals in ${base}`}
          className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4"
        >
          <Kpi label="Sell" value={report.totalBase ? formatMoney(report.totalBase.sell, base) : "—"}>
            {range}, in {base}
          </Kpi>
          <Kpi label="Cost" value={report.totalBase ? formatMoney(report.totalBase.cost, base) : "—"}>
            The distributor discount kept per invoice line
          </Kpi>
          <Kpi label="Margin" value={report.totalBase ? formatMoney(report.totalBase.margin, base) : "—"}>
            Sell − cost
          </Kpi>
          <Kpi
            label="Margin %"
            value={report.totalBase?.marginPercent ? `${report.totalBase.marginPercent}%` : "—"}
          >
            Margin ÷ sell
          </Kpi>
        </section>
        <MarginPerMonthChart
          data={report.months}
          currency={base}
          filename={`margin-per-month-${filters.from}-to-${filters.to}`}
        />
        <Card className="min-w-0">
          <div className="flex flex-col gap-3 border-b border-slate-100 px-4 py-4 sm:px-5 md:flex-row md:items-start md:justify-between">
            <div className="min-w-0">
              <h2 className="text-base font-semibold text-slate-900">
                {filters.view === "service" ? "By service" : "By month and reseller"}
              </h2>
              <p className="mt-0.5 text-sm text-slate-500">
                {range}. Each amount in the invoice's currency, then in {base} at the month's rate.
              </p>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <nav aria-label="Report view" className="inline-flex rounded-md bg-slate-100 p-0.5">
                {views.map((v) => (
                  <Link
                    key={v.value}
                    href={`/admin/reports/margin?${marginQuery(filters, { view: v.value })}`}
                    aria-current={filters.view === v.value ? "page" : undefined}
                    className={cn(
                      "whitespace-nowrap rounded px-3 py-1.5 text-sm font-medium",
                      filters.view === v.value
                        ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200"
                        : "text-slate-600 hover:text-slate-900",
                    )}
                  >
                    {v.label}
                  </Link>
                ))}
              </nav>
              {table.rows.length > 0 && (
                <a
                  href={`/admin/reports/margin/csv?${marginQuery(filters)}`}
                  download
                  className={buttonClass("secondary")}
                >
                  Download CSV
                </a>
              )}
            </div>
          </div>
          {table.rows.length === 0 ? (
            <EmptyState title="No issued invoices match">
              Nothing was issued for {range} with these filters. Margins appear once a billing run issues a
              month's invoices.
            </EmptyState>
          ) : (
            <MarginReportTable
              table={table}
              baseCurrency={base}
              caption={filters.view === "service" ? "Margin by service" : "Margin by month and reseller"}
            />
          )}
        </Card>
      </div>
    </>
  );
}

/** What the figures count, said on the page (the report's rules, read from lib/invoices). */
function HowCounted({ base }: { base: string }) {
  return (
    <details className="rounded-lg border border-slate-200 bg-white px-5 py-3 text-sm text-slate-700 shadow-sm">
      <summary className="cursor-pointer font-medium text-slate-900">What these figures count</summary>
      <ul className="mt-2 flex list-disc flex-col gap-1 pl-5">
        <li>
          Issued and paid invoices only: drafts are not billed yet and void invoices were never owed. Credit
          notes are not deducted.
        </li>
        <li>
          Sell is the sum of the invoices' line amounts, before tax. Cost is the distributor's cost kept on
          each usage line when it was billed (sell × (1 − distributor discount)); margin = sell − cost; margin
          % = margin ÷ sell.
        </li>
        <li>
          Commitment top-up lines carry no cost: they count in sell with a cost of 0, so a top-up is all
          margin. Ramp-up waiver lines are 0.
        </li>
        <li>
          Amounts in {base} are converted with the rate of each month's invoice date (the latest rate dated on
          or before it), and rounded once per figure; totals are converted exactly before rounding.
        </li>
      </ul>
    </details>
  );
}
