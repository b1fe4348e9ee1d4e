import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { dec } from "@/lib/billing";
import type { Estimate, TierEstimate } from "@/lib/catalogue/estimate";
import { formatMoney } from "@/lib/format";
import { chooseHref, trialHref } from "./signup-links";

type Props = { estimate: Estimate; isUpdating: boolean; isOutdated: boolean; failed: string | null };

/**
 * The estimate: the cheapest tier first (a polite live region, so a screen reader hears the answer after
 * each change), then every tier's month as usage + top-up. While a new estimate loads the old one stays,
 * dimmed, so nothing moves.
 */
export function EstimateResults({ estimate, isUpdating, isOutdated, failed }: Props) {
  const { currency } = estimate;
  const cheapest = estimate.tiers.find((t) => t.isCheapest) ?? null;
  const money = (amount: string) => formatMoney(amount, currency);
  return (
    <section
      aria-labelledby="estimate-title"
      className="min-w-0 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm"
    >
      <div className="flex items-start justify-between gap-4 border-b border-slate-100 px-5 py-4">
        <div>
          <h3 id="estimate-title" className="text-base font-semibold text-slate-900">
            Monthly cost by tier
          </h3>
          <p className="mt-0.5 text-sm text-slate-500">In {currency}, excl. tax, for a full month</p>
        </div>
        <p className="flex h-5 shrink-0 items-center gap-1.5 text-xs text-slate-500" aria-live="assertive">
          {failed ? (
            <span className="font-medium text-red-700">{failed}</span>
          ) : isOutdated ? (
            <span aria-hidden>Fix the highlighted field</span>
          ) : isUpdating ? (
            <span aria-hidden className="inline-flex items-center gap-1.5">
              <span className="h-3 w-3 animate-spin rounded-full border-2 border-current border-t-transparent" />
              Updating…
            </span>
          ) : null}
        </p>
      </div>

      <div
        aria-live="polite"
        aria-atomic="true"
        className="flex flex-col gap-4 border-b border-slate-100 bg-slate-50 px-5 py-5 sm:flex-row sm:items-center sm:justify-between"
      >
        {cheapest ? (
          <>
            <div className="min-w-0">
              <p className="text-xs font-semibold uppercase tracking-wider text-accent">Cheapest for you</p>
              <p className="mt-1 text-slate-900">
                <span className="text-xl font-semibold">{cheapest.name}</span>
                <span className="text-slate-400"> · </span>
                <span className="text-xl font-semibold tabular-nums">{money(cheapest.total)}</span>
                <span className="text-sm text-slate-500"> / month excl. tax</span>
              </p>
              <p className="mt-1 text-sm text-slate-600">{explain(cheapest, money)}</p>
            </div>
            <div className="flex shrink-0 gap-2">
              {cheapest.trialAllowed && (
                <Link href={trialHref(cheapest.code, currency)} className={buttonClass("primary")}>
                  Start free trial
                </Link>
              )}
              <Link
                href={chooseHref(cheapest.code, currency)}
                className={buttonClass(cheapest.trialAllowed ? "secondary" : "primary")}
              >
                Choose {cheapest.name}
              </Link>
            </div>
          </>
        ) : (
          <p className="text-sm text-slate-600">No tier can be priced in {currency} today.</p>
        )}
      </div>

      <ul
        aria-label={`Monthly cost of each tier in ${currency}`}
        aria-busy={isUpdating}
        className={cn(
          "divide-y divide-slate-100 transition-opacity",
          (isUpdating || isOutdated) && "opacity-50",
        )}
      >
        {estimate.tiers.map((t) => (
          <li
            key={t.code}
            className={cn(
              "grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-4 gap-y-1 px-5 py-3",
              "sm:grid-cols-[10rem_minmax(0,1fr)_auto_4rem]",
              t.isCheapest && "bg-emerald-50/70 shadow-[inset_3px_0_0_var(--color-emerald-600)]",
            )}
          >
            <p className="flex items-center gap-2 sm:order-1">
              <span className="font-medium text-slate-900">{t.name}</span>
              {t.isCheapest && (
                <span className="rounded-full bg-emerald-600 px-2 py-0.5 text-xs font-semibold text-white">
                  Cheapest
                </span>
              )}
            </p>
            <p className="text-right sm:order-3">
              <span className="font-semibold tabular-nums text-slate-900">
                {t.available ? money(t.total) : "—"}
              </span>
              <span className="sr-only"> per month</span>
            </p>
            <p className="text-xs text-slate-500 sm:order-2 sm:text-sm">
              {t.available ? <Breakdown tier={t} money={money} /> : `Not available in ${currency}`}
            </p>
            <p className="text-right sm:order-4">
              {t.available && (
                <Link
                  href={chooseHref(t.code, currency)}
                  className="text-sm font-semibold text-brand hover:underline"
                  aria-label={`Choose ${t.name}`}
                >
                  Choose
                </Link>
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Breakdown({ tier, money }: { tier: TierEstimate; money: (a: string) => string }) {
  const hasTopUp = dec(tier.topUp).greaterThan(0);
  return (
    <>
      <span className="tabular-nums">Usage {money(tier.consumption)}</span>
      {hasTopUp ? (
        <span className="text-amber-700">
          {" "}
          + <span className="tabular-nums">{money(tier.topUp)}</span> top-up
        </span>
      ) : (
        <span> · no top-up</span>
      )}
    </>
  );
}

function explain(t: TierEstimate, money: (a: string) => string): string {
  if (dec(t.topUp).greaterThan(0)) {
    return `Usage ${money(t.consumption)} plus a ${money(t.topUp)} top-up to the ${money(t.commitment)} monthly minimum.`;
  }
  if (dec(t.commitment).isZero()) return `Usage ${money(t.consumption)}, no monthly minimum.`;
  return `Usage ${money(t.consumption)} covers the ${money(t.commitment)} monthly minimum.`;
}
