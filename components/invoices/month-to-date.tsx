import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { dec } from "@/lib/billing";
import { formatMoney } from "@/lib/format";
import type { MonthToDateEstimate } from "@/lib/invoices";

/** The month so far, rated by the same engine as invoices: consumption against the commitment. */
export function MonthToDate({ estimate, asOfLabel }: { estimate: MonthToDateEstimate; asOfLabel: string }) {
  const m = (a: string) => formatMoney(a, estimate.currency);
  const commitment = dec(estimate.commitment);
  const pct = commitment.isZero()
    ? 100
    : Math.min(100, dec(estimate.consumption).div(commitment).times(100).round().toNumber());
  const top = [...estimate.customers].sort((a, b) => dec(b.subtotal).comparedTo(dec(a.subtotal))).slice(0, 5);
  return (
    <Card>
      <CardHeader
        title="This month so far"
        description={`Estimate as of ${asOfLabel}, from usage synced from Acronis.`}
      />
      <CardBody className="flex flex-col gap-5">
        {!estimate.billable ? (
          <p className="text-sm text-slate-600">Nothing is billed for this month (not yet paid).</p>
        ) : (
          <>
            <div className="grid gap-4 sm:grid-cols-3">
              <div>
                <p className="text-xs uppercase tracking-wide text-slate-500">Consumption</p>
                <p className="mt-1 text-2xl font-semibold tabular-nums">{m(estimate.consumption)}</p>
              </div>
              <div>
                <p className="text-xs uppercase tracking-wide text-slate-500">Commitment</p>
                <p className="mt-1 text-2xl font-semibold tabular-nums">{m(estimate.commitment)}</p>
                {estimate.rampUpWaived && <p className="text-xs text-emerald-700">waived (ramp-up)</p>}
              </div>
              <div>
                <p className="text-xs uppercase tracking-wide text-slate-500">Estimated total incl. tax</p>
                <p className="mt-1 text-2xl font-semibold tabular-nums">{m(estimate.total)}</p>
                {dec(estimate.topUp).gt(0) && (
                  <p className="text-xs text-amber-700">includes a top-up of {m(estimate.topUp)}</p>
                )}
              </div>
            </div>
            <div>
              <div
                role="progressbar"
                aria-label="Consumption against commitment"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={pct}
                className="h-2.5 overflow-hidden rounded-full bg-slate-200"
              >
                <div
                  className={`h-full ${pct >= 100 ? "bg-emerald-600" : "bg-brand"}`}
                  style={{ width: `${pct}%` }}
                />
              </div>
              <p className="mt-1 text-xs text-slate-500">{pct}% of the commitment reached by usage</p>
            </div>
            {top.length > 0 && (
              <ul className="divide-y divide-slate-100 text-sm">
                {top.map((c) => (
                  <li key={c.customerId ?? c.customerName} className="flex justify-between py-1.5">
                    <span>{c.customerName}</span>
                    <span className="tabular-nums">{m(c.subtotal)}</span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </CardBody>
    </Card>
  );
}
