"use client";
import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";

export type CurrencyOption = { code: string; label: string; group: "price_list" | "fx" };

/**
 * The storefront's currency: a `?currency=` link the server renders, so a choice can be shared and works
 * without JavaScript (the form's submit button shows only then). With JavaScript a change navigates at
 * once, keeping the other search parameters (the estimator's quantities).
 */
export function CurrencySelect({
  options,
  value,
  hidden,
}: {
  options: CurrencyOption[];
  value: string;
  /** Other search parameters to keep when the form is submitted without JavaScript. */
  hidden: Record<string, string>;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();

  function choose(code: string) {
    const params = new URLSearchParams(window.location.search);
    params.set("currency", code);
    startTransition(() => router.push(`${pathname}?${params.toString()}`, { scroll: false }));
  }

  return (
    <form method="get" action={`${pathname}#plans`} className="flex items-end gap-2">
      {Object.entries(hidden).map(([name, v]) => (
        <input key={name} type="hidden" name={name} value={v} />
      ))}
      <div className="flex flex-col gap-1.5">
        <label htmlFor="currency" className="text-sm font-medium text-slate-700">
          Currency
        </label>
        <div className="relative">
          <select
            id="currency"
            name="currency"
            value={value}
            onChange={(e) => choose(e.target.value)}
            aria-describedby="currency-note"
            className="block w-64 max-w-full appearance-none rounded-md border border-slate-300 bg-white py-2 pl-3 pr-9 text-sm text-slate-900 shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-blue-100"
          >
            <optgroup label="Price lists">
              {options
                .filter((o) => o.group === "price_list")
                .map((o) => (
                  <option key={o.code} value={o.code}>
                    {o.label}
                  </option>
                ))}
            </optgroup>
            <optgroup label="Converted at today's rate">
              {options
                .filter((o) => o.group === "fx")
                .map((o) => (
                  <option key={o.code} value={o.code}>
                    {o.label}
                  </option>
                ))}
            </optgroup>
          </select>
          <span
            aria-hidden
            className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-slate-400"
          >
            {pending ? (
              <span className="h-3.5 w-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" />
            ) : (
              <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
                <path d="M5.23 7.21a.75.75 0 011.06.02L10 11.17l3.71-3.94a.75.75 0 111.08 1.04l-4.25 4.5a.75.75 0 01-1.08 0l-4.25-4.5a.75.75 0 01.02-1.06z" />
              </svg>
            )}
          </span>
        </div>
      </div>
      <noscript>
        <button
          type="submit"
          className="rounded-md bg-white px-3 py-2 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300"
        >
          Show prices
        </button>
      </noscript>
    </form>
  );
}
