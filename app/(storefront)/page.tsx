import Link from "next/link";
import { CurrencyNote } from "@/components/storefront/currency-note";
import { type CurrencyOption, CurrencySelect } from "@/components/storefront/currency-select";
import { Estimator } from "@/components/storefront/estimator";
import { PlansComparison } from "@/components/storefront/plans-comparison";
import { buttonClass } from "@/components/ui/button";
import { publicContext } from "@/lib/actions/context";
import { getBrand } from "@/lib/branding";
import type { OrderCurrency } from "@/lib/catalogue/currencies";
import { getStorefrontPage } from "@/lib/catalogue/storefront";

const features = [
  {
    title: "Exact monthly invoices",
    text: "Pay-per-use lines per customer and service, your commitment top-up, tax and FX — to the cent.",
  },
  {
    title: "Live consumption",
    text: "Usage synced from Acronis every hour, with a month-to-date estimate against your commitment.",
  },
  {
    title: "Self-service",
    text: "Start a free trial, convert, upgrade or downgrade your tier yourself, whenever you need to.",
  },
];

/** What the estimator shows first: a small MSP, so every tier's cost (and top-up) means something. */
const DEFAULT_QUANTITIES: Record<string, string> = {
  pw_base_workstations: "50",
  pw_base_servers: "5",
  pw_base_vms: "10",
  pw_base_m365_seats: "100",
  pw_base_storage: "2000",
};

type SearchParams = Record<string, string | string[] | undefined>;

export default async function LandingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const first = (name: string) => {
    const v = params[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const ctx = publicContext();
  const brand = await getBrand();
  // Without estimator parameters the defaults apply; with some (a shared link), an absent field means none.
  const hasQuantities = Object.keys(params).some((k) => k !== "currency");
  const quantities = hasQuantities
    ? Object.fromEntries(Object.keys(params).map((k) => [k, first(k)]))
    : DEFAULT_QUANTITIES;
  const view = await getStorefrontPage(ctx.db, { currency: first("currency"), quantities }, ctx.today);
  const currency = view.currency.code;
  const kept = Object.fromEntries(
    view.fields.flatMap((f) => {
      const v = first(f.code);
      return v === undefined ? [] : [[f.code, v]];
    }),
  );

  return (
    <>
      <section className="border-b border-slate-100 bg-gradient-to-b from-slate-50 to-white">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6 sm:py-24">
          <p className="text-sm font-semibold uppercase tracking-wider text-accent">
            Acronis Cyber Protect Cloud
          </p>
          <h1 className="mt-3 max-w-3xl text-4xl font-bold tracking-tight text-balance text-slate-900 sm:text-5xl">
            Protect your customers with {brand.name}
          </h1>
          <p className="mt-5 max-w-2xl text-lg text-slate-600">{brand.tagline}</p>
          <div className="mt-8 flex flex-col gap-3 sm:flex-row">
            <Link href="#plans" className={buttonClass("primary", "px-5 py-2.5 text-base")}>
              Compare plans
            </Link>
            <Link href="#estimator" className={buttonClass("secondary", "px-5 py-2.5 text-base")}>
              Estimate your monthly cost
            </Link>
          </div>
        </div>
      </section>

      <section aria-labelledby="why" className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
        <h2 id="why" className="sr-only">
          Why {brand.name}
        </h2>
        <ul className="grid gap-4 sm:grid-cols-3 sm:gap-6">
          {features.map((f) => (
            <li key={f.title} className="rounded-xl border border-slate-200 bg-white p-5">
              <p className="font-semibold text-slate-900">{f.title}</p>
              <p className="mt-2 text-sm text-slate-600">{f.text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section
        id="plans"
        aria-labelledby="plans-title"
        className="mx-auto max-w-6xl scroll-mt-20 px-4 py-12 sm:px-6"
      >
        <div className="flex flex-col gap-6 sm:flex-row sm:items-end sm:justify-between">
          <div className="max-w-2xl">
            <h2 id="plans-title" className="text-3xl font-bold tracking-tight text-slate-900">
              Plans and pricing
            </h2>
            <p className="mt-3 text-slate-600">
              Every tier has a minimum monthly commitment and its own unit prices: the higher the tier, the
              lower the price. You pay for what your customers use; if that is below your tier's minimum, the
              difference is added as a top-up.
            </p>
          </div>
          <CurrencySelect options={currencyOptions(view.currencies)} value={currency} hidden={kept} />
        </div>
        <div className="mt-4">
          <CurrencyNote currency={view.currency} rates={view.rates} refused={view.refused} />
        </div>
        <div className="mt-8">
          <PlansComparison plans={view.plans} skus={view.fields} currency={currency} />
        </div>
      </section>

      <section
        id="estimator"
        aria-labelledby="estimator-title"
        className="mx-auto max-w-6xl scroll-mt-20 px-4 pt-8 pb-20 sm:px-6"
      >
        <h2 id="estimator-title" className="text-3xl font-bold tracking-tight text-slate-900">
          Estimate your monthly cost
        </h2>
        <p className="mt-3 max-w-2xl text-slate-600">
          Enter what your customers protect and see what a month costs on every tier, worked out with the same
          rules as your invoices.
        </p>
        <div className="mt-8">
          <Estimator
            currency={currency}
            fields={view.fields}
            initialValues={view.estimator.values}
            initialErrors={view.estimator.errors}
            initialEstimate={view.estimator.estimate}
          />
        </div>
      </section>
    </>
  );
}

function currencyOptions(currencies: OrderCurrency[]): CurrencyOption[] {
  const names = new Intl.DisplayNames(["en"], { type: "currency" });
  return currencies.map((c) => ({
    code: c.code,
    label: `${c.code} — ${names.of(c.code) ?? c.code}`,
    group: c.source,
  }));
}
