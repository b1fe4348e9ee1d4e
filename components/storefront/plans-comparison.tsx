import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import type { PlanView } from "@/lib/catalogue/estimate";
import type { EstimateField } from "@/lib/catalogue/estimate-input";
import { formatMoney, formatUnitPrice, splitAmount } from "@/lib/format";
import { chooseHref, trialHref } from "./signup-links";

type Props = { plans: PlanView[]; skus: EstimateField[]; currency: string };

/**
 * Every orderable tier side by side. From `lg` a table with tiers as columns (seven fit in 1,280 px, the
 * SKUs run down); below it one card per tier, so a phone never scrolls sideways. Only one is displayed,
 * the other is `display: none` and so hidden from screen readers too.
 */
export function PlansComparison(props: Props) {
  return (
    <>
      <PlansTable {...props} />
      <PlanCards {...props} />
    </>
  );
}

function PlansTable({ plans, skus, currency }: Props) {
  return (
    <div className="hidden overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm lg:block">
      <table className="w-full table-fixed text-sm">
        <caption className="sr-only">
          Tiers compared: minimum monthly commitment, unit prices of the main services and free trial, in{" "}
          {currency}, excluding tax
        </caption>
        <colgroup>
          <col className="w-48" />
          {plans.map((p) => (
            <col key={p.code} />
          ))}
        </colgroup>
        <thead>
          <tr className="border-b border-slate-200">
            <th
              scope="col"
              className="px-4 py-4 text-left text-xs font-medium uppercase tracking-wide text-slate-500"
            >
              Tier
            </th>
            {plans.map((p) => (
              <th
                key={p.code}
                scope="col"
                className="px-2 py-4 text-right text-base font-semibold text-slate-900"
              >
                {p.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="bg-slate-50/70">
            <th scope="row" className="px-4 py-4 text-left align-top font-medium text-slate-900">
              Minimum commitment
              <span className="block text-xs font-normal text-slate-500">per month</span>
            </th>
            {plans.map((p) => (
              <td key={p.code} className="px-2 py-4 text-right align-top">
                <Commitment amount={p.commitment} currency={currency} />
              </td>
            ))}
          </tr>
          <tr>
            <th
              scope="colgroup"
              colSpan={plans.length + 1}
              className="border-t border-slate-200 px-4 pt-5 pb-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-500"
            >
              Unit prices
            </th>
          </tr>
          {skus.map((s) => (
            <tr key={s.code} className="border-b border-slate-100 last:border-0">
              <th scope="row" className="px-4 py-3 text-left font-normal text-slate-700">
                {s.name}
                <span className="block text-xs text-slate-500">per {s.unit}</span>
              </th>
              {plans.map((p) => {
                const price = p.prices[s.code];
                return (
                  <td key={p.code} className="px-2 py-3 text-right tabular-nums text-slate-700">
                    {price ? formatUnitPrice(price, currency) : <NotOffered />}
                  </td>
                );
              })}
            </tr>
          ))}
          <tr className="border-t border-slate-200">
            <th scope="row" className="px-4 py-3 text-left font-normal text-slate-700">
              Free trial
            </th>
            {plans.map((p) => (
              <td key={p.code} className="px-2 py-3 text-right">
                <TrialMark allowed={p.trialAllowed} />
              </td>
            ))}
          </tr>
        </tbody>
        <tfoot>
          <tr className="border-t border-slate-200 bg-slate-50/70">
            <td className="px-4 py-4">
              <span className="sr-only">Sign up</span>
            </td>
            {plans.map((p) => (
              <td key={p.code} className="px-2 py-4 text-right align-top">
                <div className="flex flex-col items-end gap-2">
                  <Link
                    href={chooseHref(p.code, currency)}
                    className={buttonClass("primary", "w-full px-3")}
                    aria-label={`Choose ${p.name}`}
                  >
                    Choose
                  </Link>
                  {p.trialAllowed ? (
                    <Link
                      href={trialHref(p.code, currency)}
                      className="text-xs font-semibold text-brand hover:underline"
                      aria-label={`Start a free trial of ${p.name}`}
                    >
                      Free trial
                    </Link>
                  ) : (
                    <span className="text-xs text-slate-400">No trial</span>
                  )}
                </div>
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function PlanCards({ plans, skus, currency }: Props) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:hidden">
      {plans.map((p) => (
        <li key={p.code} className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <div className="flex items-center justify-between gap-3">
            <h3 className="text-lg font-semibold text-slate-900">{p.name}</h3>
            {p.trialAllowed && (
              <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-inset ring-emerald-200">
                Free trial
              </span>
            )}
          </div>
          <p className="mt-2">
            <span className="text-2xl font-semibold tabular-nums tracking-tight text-slate-900">
              {formatMoney(p.commitment, currency)}
            </span>{" "}
            <span className="text-sm text-slate-500">minimum / month</span>
          </p>
          <dl className="mt-4 flex-1 divide-y divide-slate-100 border-t border-slate-100 text-sm">
            {skus.map((s) => {
              const price = p.prices[s.code];
              return (
                <div key={s.code} className="flex items-baseline justify-between gap-3 py-2">
                  <dt className="text-slate-600">{s.name}</dt>
                  <dd className="shrink-0 tabular-nums text-slate-900">
                    {price ? formatUnitPrice(price, currency) : <NotOffered />}
                    <span className="text-xs text-slate-500"> / {s.unit}</span>
                  </dd>
                </div>
              );
            })}
          </dl>
          <div className="mt-4 flex gap-2">
            <Link
              href={chooseHref(p.code, currency)}
              className={buttonClass("primary", "flex-1")}
              aria-label={`Choose ${p.name}`}
            >
              Choose
            </Link>
            {p.trialAllowed && (
              <Link
                href={trialHref(p.code, currency)}
                className={buttonClass("secondary", "flex-1")}
                aria-label={`Start a free trial of ${p.name}`}
              >
                Free trial
              </Link>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** A code-style currency ("SEK") sits small above the number, so seven commitments fit side by side. */
function Commitment({ amount, currency }: { amount: string | null; currency: string }) {
  if (amount === null) return <NotOffered />;
  const { code, text } = splitAmount(amount, currency);
  return (
    <span className="text-base font-semibold tabular-nums text-slate-900">
      {code && <span className="block text-xs font-medium text-slate-500">{code}</span>}
      {text}
    </span>
  );
}

function TrialMark({ allowed }: { allowed: boolean }) {
  return allowed ? (
    <span className="inline-flex items-center gap-1 text-emerald-700">
      <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
        <path d="M16.7 5.3a1 1 0 010 1.4l-8 8a1 1 0 01-1.4 0l-4-4a1 1 0 111.4-1.4L8 12.6l7.3-7.3a1 1 0 011.4 0z" />
      </svg>
      Yes
    </span>
  ) : (
    <span className="text-slate-400">No</span>
  );
}

function NotOffered() {
  return (
    <span className="text-slate-400">
      <span aria-hidden>—</span>
      <span className="sr-only">not offered</span>
    </span>
  );
}
