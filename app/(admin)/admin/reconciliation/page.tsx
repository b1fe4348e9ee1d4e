import Link from "next/link";
import { z } from "zod";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Kpi } from "@/components/ui/kpi";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { can } from "@/lib/auth/permissions";
import { formatMoney, formatNumber, formatPeriod } from "@/lib/format";
import { sharedJobQueue } from "@/lib/jobs";
import { getReconciliationView } from "@/lib/reconciliation/view";
import { CheckForm } from "./check-form";
import { CheckStatus } from "./check-status";
import { MonthPicker } from "./month-picker";
import { ResellerSummary } from "./reseller-summary";
import { UnmatchedTable } from "./unmatched-table";

export const metadata = { title: "Reconciliation" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// A malformed month falls back to the newest checked one rather than an error page.
const querySchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
});

/** Unmatched rows shown on the page; the CSV has them all. */
const UNMATCHED_SHOWN = 100;

/**
 * Issued invoices next to what Acronis reports for the same month, per reseller and service: every
 * distributor role reads it, admin and finance may ask Acronis again.
 */
export default async function ReconciliationPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await pageContext("admin:read", "/admin/reconciliation");
  const { month } = querySchema.parse(await searchParams);
  const settings = await ctx.settings();
  const view = await getReconciliationView(ctx.db, await sharedJobQueue(), {
    period: month ?? null,
    tolerancePercent: settings.reconciliationTolerancePercent,
  });
  const canCheck = can(ctx.user.role, "finance:write");
  const header = (
    <PageHeader
      title="Reconciliation"
      description="Your issued invoices next to what Acronis reports for the same month: revenue leakage shows before Acronis's bill arrives."
    />
  );
  if (!view.period) {
    return (
      <>
        {header}
        <Card>
          <EmptyState
            title="No issued invoices yet"
            action={
              <Link href="/admin/billing" className={buttonClass("secondary")}>
                Go to billing runs
              </Link>
            }
          >
            A month can be checked against Acronis once its invoices are issued.
          </EmptyState>
        </Card>
      </>
    );
  }
  const { period, comparison } = view;
  const tolerance = formatNumber(view.tolerancePercent, 4);
  return (
    <>
      <AutoRefresh active={view.working} everyMs={3000} />
      {header}
      <div className="flex flex-col gap-6">
        <Card>
          <div className="flex flex-col gap-4 px-5 py-4 md:flex-row md:items-end md:justify-between">
            <MonthPicker months={view.months} period={period} />
            <div className="flex min-w-0 flex-wrap items-start gap-2">
              {comparison && (
                <>
                  <a
                    href={`/admin/reconciliation/csv?month=${period}`}
                    download
                    className={buttonClass("secondary")}
                  >
                    Download CSV
                  </a>
                  {view.unmatched.length > 0 && (
                    <a
                      href={`/admin/reconciliation/csv?month=${period}&part=unmatched`}
                      download
                      className={buttonClass("secondary")}
                    >
                      Not billed CSV
                    </a>
                  )}
                </>
              )}
              {canCheck && <CheckForm period={period} working={view.working} />}
            </div>
          </div>
        </Card>

        <Card>
          <CardHeader
            title={`Checks of ${formatPeriod(period)}`}
            description="Each check downloads Acronis's daily usage report of every customer in a datacenter; a newer check replaces the older."
          />
          {view.datacenters.length === 0 ? (
            <EmptyState title="No datacenter to check">
              No reseller has an issued invoice for this month.
            </EmptyState>
          ) : (
            <CheckStatus datacenters={view.datacenters} />
          )}
        </Card>

        {!comparison ? (
          <Card>
            <EmptyState title={`${formatPeriod(period)} has not been checked yet`}>
              {canCheck
                ? "Check against Acronis to compare this month's invoices with what Acronis reports."
                : "An administrator or finance user can check this month against Acronis."}
            </EmptyState>
          </Card>
        ) : (
          <>
            <section aria-label="Summary" className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
              <Kpi
                label="Flagged services"
                value={String(comparison.flaggedServices)}
                tone={comparison.flaggedServices > 0 ? "amber" : undefined}
              >
                {comparison.flaggedResellers === 1
                  ? "At 1 reseller"
                  : `At ${comparison.flaggedResellers} resellers`}
              </Kpi>
              <Kpi label="Customers behind them" value={String(comparison.flaggedCustomers)}>
                Customer × service rows beyond the tolerance or not billed
              </Kpi>
              <Kpi
                label="Revenue at stake"
                value={
                  comparison.atStake.length === 0
                    ? "—"
                    : comparison.atStake.map((m) => formatMoney(m.amount, m.currency)).join(" · ")
                }
              >
                (Acronis − billed) × the invoice's unit price; negative: billed more than Acronis reports
              </Kpi>
              <Kpi label="Tolerance" value={`${tolerance} %`}>
                Of Acronis's quantity; any amount when one side has none
              </Kpi>
            </section>

            <section aria-labelledby="resellers-heading" className="flex flex-col gap-3">
              <h2 id="resellers-heading" className="text-base font-semibold text-slate-900">
                By reseller
              </h2>
              {comparison.resellers.length === 0 ? (
                <Card>
                  <EmptyState title="Nothing to compare">
                    Acronis reports no production usage for Tierline's customers and no invoice bills any.
                  </EmptyState>
                </Card>
              ) : (
                comparison.resellers.map((r) => (
                  <ResellerSummary key={r.resellerId} reseller={r} period={period} />
                ))
              )}
            </section>

            <Card className="min-w-0">
              <CardHeader
                title="Not billed by Tierline"
                description="Acronis usage no invoice line can match: tenants Tierline does not know (a customer never synced, a partner outside Tierline) and items no service bills (partner-owned storage, unclassified storage, items not sold)."
              />
              {view.unmatched.length === 0 ? (
                <EmptyState title="Every row matched">
                  Each row Acronis reported belongs to a known customer and service.
                </EmptyState>
              ) : (
                <>
                  <UnmatchedTable rows={view.unmatched.slice(0, UNMATCHED_SHOWN)} />
                  {view.unmatched.length > UNMATCHED_SHOWN && (
                    <p className="px-5 py-3 text-sm text-slate-600">
                      {view.unmatched.length - UNMATCHED_SHOWN} more in the Not billed CSV.
                    </p>
                  )}
                </>
              )}
            </Card>
            <HowCompared />
          </>
        )}
      </div>
    </>
  );
}

/** The comparison's rules, said on the page. */
function HowCompared() {
  return (
    <details className="rounded-lg border border-slate-200 bg-white px-5 py-3 text-sm text-slate-700 shadow-sm">
      <summary className="cursor-pointer font-medium text-slate-900">How the figures are compared</summary>
      <ul className="mt-2 flex list-disc flex-col gap-1 pl-5">
        <li>
          Acronis: production usage (trial usage is not billed) from its daily usage report, each service
          aggregated as the invoice does (the month's peak, or the last day for cumulative counters), divided
          into billing units (bytes → GB, seconds → hours), 4 decimals, inside the days the reseller's
          contract was paid.
        </li>
        <li>
          Billed: the usage lines of the month's issued and paid invoices; a void invoice billed nothing.
          Credit notes are amounts and do not change the quantities.
        </li>
        <li>
          A service is flagged when its total, or any one customer's, differs by more than the tolerance; a
          customer billed nothing for usage Acronis reports, or billed for usage Acronis does not report,
          always is.
        </li>
      </ul>
    </details>
  );
}
