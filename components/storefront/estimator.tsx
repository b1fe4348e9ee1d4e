"use client";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { Field } from "@/components/ui/field";
import type { Estimate } from "@/lib/catalogue/estimate";
import { type EstimateField, validateQuantities } from "@/lib/catalogue/estimate-input";
import { EstimateResults } from "./estimate-results";

type Props = {
  currency: string;
  fields: EstimateField[];
  initialValues: Record<string, string>;
  initialErrors: Record<string, string[]>;
  initialEstimate: Estimate;
};

const DEBOUNCE_MS = 350;

const keyOf = (currency: string, values: Record<string, string>) => JSON.stringify([currency, values]);

/**
 * The cost estimator. The server renders the first estimate (from the URL, so nothing moves on hydration
 * and it works without JavaScript through the form's GET); then each change is checked here with the same
 * rules as the API, debounced, and priced by `POST /api/estimate` with lib/billing. The quantities go into
 * the URL, so an estimate can be shared and survives a currency switch.
 */
export function Estimator({ currency, fields, initialValues, initialErrors, initialEstimate }: Props) {
  const pathname = usePathname();
  const [values, setValues] = useState(initialValues);
  const [errors, setErrors] = useState(initialErrors);
  // Why the last update failed (shown beside the results), or null.
  const [failed, setFailed] = useState<string | null>(null);
  const [shown, setShown] = useState({ key: keyOf(currency, initialValues), estimate: initialEstimate });
  const [serverEstimate, setServerEstimate] = useState(initialEstimate);

  const key = keyOf(currency, values);
  // A currency switch re-renders the page on the server with these quantities: take its estimate as is.
  if (serverEstimate !== initialEstimate) {
    setServerEstimate(initialEstimate);
    if (keyOf(currency, initialValues) === key) setShown({ key, estimate: initialEstimate });
  }
  const isValid = validateQuantities(fields, values).ok;
  const isStale = shown.key !== key;

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      const checked = validateQuantities(fields, values);
      setErrors(checked.ok ? {} : checked.fieldErrors);
      if (!checked.ok || shown.key === key) return;
      try {
        const res = await fetch("/api/estimate", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ currency, quantities: checked.quantities }),
          signal: controller.signal,
        });
        const body = await res.json();
        if (!res.ok) {
          if (body?.error?.details) setErrors(body.error.details);
          setFailed(
            res.status === 429 ? String(body.error.message) : "Couldn't update the estimate. Try again.",
          );
          return;
        }
        setFailed(null);
        setShown({ key, estimate: body.estimate as Estimate });
        const params = new URLSearchParams(window.location.search);
        for (const [code, q] of Object.entries(checked.quantities)) params.set(code, q);
        window.history.replaceState(null, "", `${pathname}?${params.toString()}${window.location.hash}`);
      } catch {
        if (!controller.signal.aborted) setFailed("Couldn't update the estimate. Try again.");
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `key` stands for currency + values; `shown.key` decides whether there is anything to fetch.
  }, [key, shown.key, currency, values, fields, pathname]);

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,20rem)_minmax(0,1fr)] lg:gap-8">
      <form
        method="get"
        action={`${pathname}#estimator`}
        onSubmit={(e) => e.preventDefault()}
        noValidate
        aria-labelledby="estimator-form-title"
        className="self-start rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
      >
        <h3 id="estimator-form-title" className="text-base font-semibold text-slate-900">
          What you protect
        </h3>
        <p className="mt-1 text-sm text-slate-500">
          Across all your customers, at the month's peak. Leave a field empty for none.
        </p>
        <input type="hidden" name="currency" value={currency} />
        <div className="mt-5 grid grid-cols-2 gap-4 lg:grid-cols-1">
          {fields.map((f) => (
            <Field
              key={f.code}
              name={f.code}
              id={`estimate-${f.code}`}
              label={f.kind === "amount" ? `${f.name} (${f.unit})` : f.name}
              hint={f.kind === "amount" ? "Up to 4 decimals" : undefined}
              inputMode={f.kind === "amount" ? "decimal" : "numeric"}
              autoComplete="off"
              className={f.kind === "amount" ? "col-span-2 lg:col-span-1" : undefined}
              value={values[f.code] ?? ""}
              errors={errors[f.code]}
              onChange={(e) => {
                const value = e.target.value;
                setValues((v) => ({ ...v, [f.code]: value }));
                setFailed(null);
              }}
            />
          ))}
        </div>
        <noscript>
          <button
            type="submit"
            className="mt-5 w-full rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white"
          >
            Calculate
          </button>
        </noscript>
      </form>
      <EstimateResults
        estimate={shown.estimate}
        isUpdating={isStale && isValid && failed === null}
        isOutdated={isStale && !isValid}
        failed={failed}
      />
    </div>
  );
}
