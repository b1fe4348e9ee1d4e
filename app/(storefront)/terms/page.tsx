import { getBrand } from "@/lib/branding";

export const metadata = { title: "Terms of service" };

export default async function TermsPage() {
  const brand = await getBrand();
  return (
    <article className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      <h1 className="text-3xl font-bold tracking-tight">Terms of service</h1>
      <p className="mt-1 text-sm text-slate-500">
        Version {brand.termsVersion} · {brand.legalName}
      </p>
      <div className="mt-6 whitespace-pre-line leading-7 text-slate-700">{brand.termsText}</div>
    </article>
  );
}
