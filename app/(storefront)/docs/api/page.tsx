import Link from "next/link";
import { getBrand } from "@/lib/branding";
import { SwaggerReference } from "./swagger-reference";

export const metadata = {
  title: "API reference",
  description:
    "The REST API: resellers, contracts, customers, usage, invoices, credit notes and billing runs.",
};

/** The public reference of /api/v1, rendered from its OpenAPI document; no sign-in needed. */
export default async function ApiReferencePage() {
  const brand = await getBrand();
  return (
    <div className="mx-auto max-w-6xl py-10">
      <div className="px-4 sm:px-6">
        <h1 className="text-3xl font-semibold tracking-tight text-slate-900">API reference</h1>
        <div className="mt-3 max-w-3xl space-y-2 text-sm text-slate-600">
          <p>
            Connect your ERP, PSA or accounting to {brand.name}: every request carries an API key as{" "}
            <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-800">
              Authorization: Bearer tl_…
            </code>
            . A distributor creates keys for the whole channel in the back office, a reseller owner keys for
            its own account in the portal, both under <strong>API keys</strong>.{" "}
            <Link href="/login" className="font-medium text-brand hover:underline">
              Sign in
            </Link>{" "}
            to create one.
          </p>
          <p>
            The machine-readable OpenAPI 3.1 description is at{" "}
            <a className="font-medium text-brand hover:underline" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>
            .
          </p>
        </div>
      </div>
      <noscript>
        <p className="mx-4 mt-8 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200 sm:mx-6">
          The interactive reference needs JavaScript. Every endpoint is described in{" "}
          <a className="font-medium underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>
          .
        </p>
      </noscript>
      <div className="mt-6">
        <SwaggerReference />
      </div>
    </div>
  );
}
