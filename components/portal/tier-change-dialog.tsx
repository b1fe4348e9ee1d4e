"use client";
import { useActionState, useEffect, useId, useRef } from "react";
// The dialog confirms through the contract page's own actions (portal:manage, the caller's own contract),
// wherever it is rendered: the contract page or the usage dashboard.
import { downgradeAction, upgradeAction } from "@/app/(portal)/portal/contract/actions";
import { buttonClass } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Figures } from "@/lib/dashboard/projection";
import type { TierChangeOption, TierPreviewContext } from "@/lib/dashboard/tiers";
import { formatDate, formatMoney, formatNumber, formatPeriod, formatUnitPrice } from "@/lib/format";

/**
 * "Review change" for one tier: a native modal dialog (focus moves to its title, Escape closes it, focus
 * returns to the button) with what the change costs, then the confirm button for those who may change the
 * tier. Amounts come computed from the server (lib/dashboard/tiers); this only formats them.
 */
export function TierChangeDialog({
  context,
  option,
  canManage,
}: {
  context: TierPreviewContext;
  option: TierChangeOption;
  canManage: boolean;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const upgrade = option.direction === "upgrade";
  const [state, formAction] = useActionState(upgrade ? upgradeAction : downgradeAction, undefined);
  useEffect(() => {
    if (state?.ok) dialogRef.current?.close();
  }, [state]);

  const verb = upgrade ? "upgrade" : "downgrade";
  const title = `${upgrade ? "Upgrade" : "Downgrade"} to ${option.tierName}`;
  const open = () => {
    dialogRef.current?.showModal();
    titleRef.current?.focus();
  };

  return (
    <div className="flex flex-col items-start gap-2">
      <button
        ref={triggerRef}
        type="button"
        aria-haspopup="dialog"
        aria-label={`Review change: ${verb} to ${option.tierName}`}
        onClick={open}
        className={buttonClass(upgrade ? "primary" : "secondary")}
      >
        Review change
      </button>
      {state?.ok && <FormMessage ok message={state.message} />}
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        onClose={() => triggerRef.current?.focus()}
        className="m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] max-w-lg overflow-y-auto whitespace-normal rounded-lg bg-white p-0 text-left text-sm text-slate-700 shadow-xl backdrop:bg-slate-900/50"
      >
        <div className="flex flex-col gap-4 p-5">
          <div>
            <h2
              ref={titleRef}
              id={titleId}
              tabIndex={-1}
              className="text-lg font-semibold text-slate-900 focus:outline-none"
            >
              {title}
            </h2>
            <p className="mt-1 text-slate-600">{effectiveText(context, option)}</p>
          </div>
          <TermsTable context={context} option={option} />
          {option.reason ? (
            <p className="rounded-md bg-slate-50 p-3 text-slate-600 ring-1 ring-slate-200">{option.reason}</p>
          ) : (
            <FiguresTable context={context} option={option} />
          )}
          {state && !state.ok && <FormMessage ok={false} message={state.message} />}
          <div className="flex flex-wrap items-center justify-end gap-3">
            {!canManage && (
              <p className="mr-auto text-xs text-slate-500">Only the account owner can change the tier.</p>
            )}
            <button
              type="button"
              onClick={() => dialogRef.current?.close()}
              className={buttonClass("secondary")}
            >
              Close
            </button>
            {canManage && (
              <form action={formAction}>
                <input type="hidden" name="tierCode" value={option.tierCode} />
                <SubmitButton variant={upgrade ? "primary" : "secondary"} pendingText="Changing…">
                  {`Confirm ${verb} to ${option.tierName}`}
                </SubmitButton>
              </form>
            )}
          </div>
        </div>
      </dialog>
    </div>
  );
}

function effectiveText(context: TierPreviewContext, option: TierChangeOption): string {
  const month = formatPeriod(context.period);
  if (option.direction === "upgrade")
    return `Effective today, ${formatDate(option.effectiveOn)}. The tier in force on a month's last day bills the whole month, so all of ${month} is billed on ${option.tierName}.`;
  return `Effective ${formatDate(option.effectiveOn)}. ${month} stays on ${context.currentTier.name}; ${option.tierName} bills from ${formatPeriod(option.period)}.`;
}

const cell = "px-2 py-1.5 text-right tabular-nums";
const head = "px-2 py-1.5 text-xs font-semibold text-slate-500";

function TermsTable({ context, option }: { context: TierPreviewContext; option: TierChangeOption }) {
  const money = (amount: string | null) => formatMoney(amount, context.currency);
  const price = (amount: string | null | undefined) =>
    amount ? formatUnitPrice(amount, context.currency) : "—";
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="pb-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          {`Prices for ${formatPeriod(option.period)}`}
        </caption>
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className={`${head} text-left`}>
              <span className="sr-only">Item</span>
            </th>
            <th scope="col" className={`${head} text-right`}>
              {option.tierName}
            </th>
            <th scope="col" className={`${head} text-right`}>
              {`${context.currentTier.name} (now)`}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          <tr>
            <th scope="row" className="px-2 py-1.5 text-left font-medium text-slate-800">
              Commitment / month
            </th>
            <td className={`${cell} font-semibold text-slate-900`}>{money(option.commitment)}</td>
            <td className={cell}>{money(option.currentTerms.commitment)}</td>
          </tr>
          {option.unitPrices.map((p) => (
            <tr key={p.sku}>
              <th scope="row" className="px-2 py-1.5 text-left font-normal">
                {p.name} <span className="text-xs text-slate-500">{`/ ${p.unit}`}</span>
              </th>
              <td className={cell}>{price(p.price)}</td>
              <td className={cell}>
                {price(option.currentTerms.unitPrices.find((c) => c.sku === p.sku)?.price)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FiguresTable({ context, option }: { context: TierPreviewContext; option: TierChangeOption }) {
  const money = (figures: Figures | null) => formatMoney(figures?.subtotal, context.currency);
  const thisMonth = option.basis === "this_month";
  const columns = thisMonth
    ? [
        { label: "So far", next: option.toDate, now: option.current.toDate, diff: option.difference.toDate },
        {
          label: "Projected month",
          next: option.projected,
          now: option.current.projected,
          diff: option.difference.projected,
        },
      ]
    : [
        {
          label: "Estimate",
          next: option.projected,
          now: option.current.projected,
          diff: option.difference.projected,
        },
      ];
  const caption = thisMonth
    ? `${formatPeriod(context.period)}, before tax`
    : `Next month's estimate (${formatPeriod(option.period)}), before tax`;
  const tax = context.taxRatePercent;
  return (
    <div className="flex flex-col gap-1.5">
      <div className="relative overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="pb-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            {caption}
          </caption>
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className={`${head} text-left`}>
                <span className="sr-only">Tier</span>
              </th>
              {columns.map((c) => (
                <th key={c.label} scope="col" className={`${head} text-right`}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            <tr>
              <th scope="row" className="px-2 py-1.5 text-left font-medium text-slate-900">
                {option.tierName}
              </th>
              {columns.map((c) => (
                <td key={c.label} className={`${cell} font-semibold text-slate-900`}>
                  {money(c.next)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row" className="px-2 py-1.5 text-left font-normal">
                {`${context.currentTier.name} (now)`}
              </th>
              {columns.map((c) => (
                <td key={c.label} className={cell}>
                  {money(c.now)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row" className="px-2 py-1.5 text-left font-normal">
                Difference
              </th>
              {columns.map((c) => (
                <td key={c.label} className={cell}>
                  <Difference amount={c.diff} currency={context.currency} />
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <CommitmentNote figures={option.projected} currency={context.currency} />
      <p className="text-xs text-slate-500">
        {thisMonth
          ? `Projected from ${context.daysElapsed} of ${context.daysInMonth} days of usage. ${option.method}`
          : `This month's usage projected to its end, billed as ${formatPeriod(option.period)}. ${option.method}`}
      </p>
      <p className="text-xs text-slate-500">
        {isZero(tax) ? "No tax is added." : `Tax at ${formatNumber(tax, 2)}% is added on the invoice.`}
      </p>
    </div>
  );
}

function CommitmentNote({ figures, currency }: { figures: Figures | null; currency: string }) {
  if (!figures) return null;
  if (figures.rampUpWaived)
    return <p className="text-xs text-emerald-700">The commitment is waived (ramp-up) for this month.</p>;
  if (isZero(figures.topUp)) return null;
  return (
    <p className="text-xs text-amber-800">
      {`Includes a commitment top-up of ${formatMoney(figures.topUp, currency)}: usage is below the commitment.`}
    </p>
  );
}

/** A signed amount: cheaper in green with a minus sign, dearer with a plus sign. */
export function Difference({ amount, currency }: { amount: string | null; currency: string }) {
  if (amount === null) return <>—</>;
  if (isZero(amount)) return <>No change</>;
  const cheaper = amount.startsWith("-");
  const text = formatMoney(amount, currency);
  return (
    <span className={cheaper ? "font-semibold text-emerald-700" : "text-amber-800"}>
      {cheaper ? text : `+${text}`}
      <span className="sr-only">{cheaper ? " cheaper" : " more"}</span>
    </span>
  );
}

/** An exact decimal string with no non-zero digit ("0.00", "-0"). */
function isZero(amount: string): boolean {
  return !/[1-9]/.test(amount);
}
