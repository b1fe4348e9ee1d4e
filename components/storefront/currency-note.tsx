import { Fragment } from "react";
import type { OrderCurrency } from "@/lib/catalogue/currencies";
import type { RateView } from "@/lib/catalogue/estimate";
import { formatRate } from "@/lib/format";

/**
 * Where the numbers in the chosen currency come from: its own price list, or the base currency's converted
 * at today's rate (domain.md §5.4), with each stored rate used and its date.
 */
export function CurrencyNote({
  currency,
  rates,
  refused,
}: {
  currency: OrderCurrency;
  rates: RateView[];
  refused: string | null;
}) {
  const lead =
    currency.source === "fx"
      ? `Our ${currency.base} prices and minimums converted to ${currency.code} at `
      : rates.length > 0
        ? `Unit prices from our ${currency.code} price list; minimums converted at `
        : `Unit prices from our ${currency.code} price list.`;
  return (
    <div id="currency-note" className="space-y-3 text-sm text-slate-600">
      {refused && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-inset ring-amber-200">
          We can't show prices in “{refused}”, so they are shown in {currency.code}. Pick another currency
          from the list.
        </p>
      )}
      <p>
        {lead}
        {rates.map((r, i) => (
          <Fragment key={`${r.from}${r.to}${r.date}`}>
            {i > 0 && " and "}
            <span className="whitespace-nowrap font-medium text-slate-900" data-testid="fx-rate">
              1 {r.from} = {formatRate(r.rate)} {r.to}, rate of {r.date}
            </span>
          </Fragment>
        ))}
        {rates.length > 0 && ". Invoices use the rate of their invoice date."} All prices exclude tax.
      </p>
    </div>
  );
}
