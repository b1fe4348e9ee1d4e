import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import Link from "next/link";
import { publicContext } from "@/lib/actions/context";
import { getBrand } from "@/lib/branding";
import { getSignupOptions } from "@/lib/signup";
import { STOREFRONT_REQUEST_KEY_HEADER } from "../storefront-cached/paths";
import { SignupForm } from "./signup-form";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const metadata = { title: "Sign up" };

export default async function SignupPage({
  searchParams,
}: {
  searchParams: Promise<{ tier?: string; trial?: string; currency?: string }>;
}) {
  const params = await searchParams;
  const ctx = publicContext();
  const [brand, options] = await Promise.all([getBrand(), getSignupOptions(ctx.db, ctx.today)]);
  // The storefront cache's render names the key it swaps for a fresh one in every response (see
  // ../storefront-cached/memo.ts); otherwise each render has its own.
  const givenKey = (await headers()).get(STOREFRONT_REQUEST_KEY_HEADER);
  const requestKey = givenKey && UUID.test(givenKey) ? givenKey : randomUUID();
  const wantedCurrency = params.currency?.toUpperCase();
  const currencyKnown = !wantedCurrency || options.currencies.some((c) => c.code === wantedCurrency);
  const tier =
    options.tiers.find((t) => t.code === params.tier) ?? options.tiers.find((t) => t.code === "T1");
  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6 sm:py-14">
      <div className="max-w-2xl">
        <p className="text-sm font-semibold uppercase tracking-wider text-accent">Become a partner</p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">
          Start with {brand.name}
        </h1>
        <p className="mt-3 text-slate-600">
          Tell us about your company, create your administrator login and pick a plan. We set up your Acronis
          partner account as soon as you confirm your email — usually within a minute. Already a partner?{" "}
          <Link href="/login" className="font-medium text-brand hover:underline">
            Sign in
          </Link>
          .
        </p>
      </div>
      <SignupForm
        options={options}
        requestKey={requestKey}
        initial={{
          tier: tier?.code ?? options.tiers[0]?.code ?? "",
          trial: params.trial === "1" && (tier?.trialAllowed ?? false),
          currency: currencyKnown && wantedCurrency ? wantedCurrency : (options.currencies[0]?.code ?? "USD"),
        }}
        currencyNotice={
          currencyKnown
            ? undefined
            : `We don't invoice in ${wantedCurrency}. Choose one of the currencies below.`
        }
      />
    </div>
  );
}
