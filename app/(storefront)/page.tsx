import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { getBrand } from "@/lib/branding";
import { listPlans } from "@/lib/catalogue/queries";
import { formatMoney, formatUnitPrice } from "@/lib/format";

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

export default async function LandingPage() {
  const brand = await getBrand();
  const { plans, mainSkus } = await listPlans(getDb(), "USD");
  return (
    <>
      <section className="bg-gradient-to-b from-slate-50 to-white">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6 sm:py-24">
          <p className="text-sm font-semibold uppercase tracking-wider text-accent">
            Acronis Cyber Protect Cloud
          </p>
          <h1 className="mt-3 max-w-3xl text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">
            Protect your customers with {brand.name}
          </h1>
          <p className="mt-5 max-w-2xl text-lg text-slate-600">{brand.tagline}</p>
          <div className="mt-8 flex flex-wrap gap-3">
            <Link href="#plans" className={buttonClass("primary", "px-5 py-2.5 text-base")}>
              Compare plans
            </Link>
            <Link href="/login" className={buttonClass("secondary", "px-5 py-2.5 text-base")}>
              Sign in to your portal
            </Link>
          </div>
        </div>
      </section>

      <section aria-labelledby="why" className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
        <h2 id="why" className="sr-only">
          Why {brand.name}
        </h2>
        <ul className="grid gap-6 sm:grid-cols-3">
          {features.map((f) => (
            <li key={f.title} className="rounded-lg border border-slate-200 p-5">
              <p className="font-semibold text-slate-900">{f.title}</p>
              <p className="mt-2 text-sm text-slate-600">{f.text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section
        id="plans"
        aria-labelledby="plans-title"
        className="mx-auto max-w-6xl scroll-mt-20 px-4 pb-20 sm:px-6"
      >
        <h2 id="plans-title" className="text-2xl font-bold tracking-tight text-slate-900">
          Plans
        </h2>
        <p className="mt-2 text-sm text-slate-600">
          Each tier has a minimum monthly commitment and its own unit prices: the higher the tier, the lower
          the price. Prices in USD, excluding tax.
        </p>
        <div className="mt-6 rounded-lg border border-slate-200">
          <Table caption="Tiers with their minimum monthly commitment and unit prices">
            <thead>
              <tr>
                <Th>Tier</Th>
                <Th numeric>Commitment / month</Th>
                {mainSkus.map((s) => (
                  <Th key={s.code} numeric>
                    {s.name} <span className="normal-case text-slate-400">/ {s.unit}</span>
                  </Th>
                ))}
                <Th>Free trial</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {plans.map((p) => (
                <tr key={p.code}>
                  <Td className="font-semibold text-slate-900">{p.name}</Td>
                  <Td numeric>{formatMoney(p.commitment ?? p.commitmentUsd, "USD")}</Td>
                  {mainSkus.map((s) => (
                    <Td key={s.code} numeric>
                      {p.prices[s.code] ? formatUnitPrice(p.prices[s.code]!, "USD") : "—"}
                    </Td>
                  ))}
                  <Td>{p.trialAllowed ? "Yes" : "No"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      </section>
    </>
  );
}
