import Link from "next/link";
import { Kpi } from "@/components/ui/kpi";
import { dec } from "@/lib/billing";
import type { UsageSummary } from "@/lib/dashboard/types";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";

/** The month's headline figures: consumption against the commitment, the estimate so far, the projection. */
export function UsageKpis({ summary, invoiceBase }: { summary: UsageSummary; invoiceBase: string }) {
  const m = (amount: string) => formatMoney(amount, summary.currency);
  const { figures, projection } = summary;
  const commitment = dec(figures.commitment);
  const pct = commitment.isZero()
    ? null
    : Math.min(100, dec(figures.consumption).div(commitment).times(100).floor().toNumber());
  const current = summary.state === "current";
  if (!summary.billable) {
    return (
      <div className="rounded-lg border border-slate-200 bg-white px-5 py-4 text-sm text-slate-600 shadow-sm">
        Nothing is billed for this month: your contract has no paid day in it
        {summary.contractId ? "" : " yet"}. Usage still shows below once it is synced.
      </div>
    );
  }
  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
      <Kpi label={current ? "Month to date" : "Consumption"} value={m(figures.consumption)}>
        <p>
          {figures.rampUpWaived
            ? `Commitment of ${m(figures.commitment)} waived (ramp-up${
                summary.rampUp ? `, cycle ${summary.rampUp.cycle} of ${summary.rampUp.cycles}` : ""
              }).`
            : `of ${m(figures.commitment)} commitment`}
        </p>
        {pct !== null && !figures.rampUpWaived && (
          <div
            role="progressbar"
            aria-label="Consumption against commitment"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            className="mt-1 h-2 overflow-hidden rounded-full bg-slate-200"
          >
            <div
              className={`h-full ${pct >= 100 ? "bg-emerald-600" : "bg-brand"}`}
              style={{ width: `${pct}%` }}
            />
          </div>
        )}
        {pct !== null && !figures.rampUpWaived && <p>{pct}% of the commitment reached by usage</p>}
      </Kpi>
      <Kpi
        label={current ? "Invoice so far" : summary.invoice ? "Invoiced" : "Estimated invoice"}
        value={m(summary.invoice ? summary.invoice.total : figures.total)}
      >
        <p>
          Subtotal {m(figures.subtotal)} + tax {m(figures.tax)}
        </p>
        {dec(figures.topUp).gt(0) && (
          <p className="text-amber-800">includes a top-up of {m(figures.topUp)} to the commitment</p>
        )}
        {summary.invoice && (
          <Link
            href={`${invoiceBase}/${summary.invoice.id}`}
            className="font-medium text-brand hover:underline"
          >
            Invoice {summary.invoice.number ?? ""} →
          </Link>
        )}
      </Kpi>
      {projection ? (
        <Kpi
          label="Projected month end"
          value={m(projection.consumption)}
          tone={dec(projection.topUp).gt(0) ? "amber" : undefined}
        >
          <p>
            {dec(projection.topUp).gt(0) ? (
              <span className="font-medium text-amber-800">Projected top-up {m(projection.topUp)}</span>
            ) : projection.rampUpWaived ? (
              "Commitment waived this month"
            ) : (
              "Above the commitment: no top-up projected"
            )}
            {" · "}total incl. tax {m(projection.total)}
          </p>
          <p className="text-slate-500">
            {projection.method} Day {projection.daysElapsed} of {projection.daysInMonth}.
          </p>
        </Kpi>
      ) : (
        <Kpi label="Usage as of" value={formatDate(summary.asOf)}>
          <p>{summary.invoice ? "Issued invoice figures" : "The month is closed; not invoiced yet."}</p>
        </Kpi>
      )}
      <p className="text-xs text-slate-500 md:col-span-3">
        {summary.tier ? `${summary.tier.name} · ` : ""}
        {summary.lastSyncAt
          ? `Usage as of ${formatDateTime(summary.lastSyncAt)}, synced from Acronis.`
          : "No usage synced from Acronis for this month yet."}
      </p>
    </div>
  );
}
