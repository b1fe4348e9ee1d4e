import { getBrand } from "@/lib/branding";

export const metadata = { title: "Privacy notice" };

export default async function PrivacyPage() {
  const brand = await getBrand();
  return (
    <article className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      <h1 className="text-3xl font-bold tracking-tight">Privacy notice</h1>
      <p className="mt-1 text-sm text-slate-500">{brand.legalName}</p>
      <div className="mt-6 whitespace-pre-line leading-7 text-slate-700">{brand.privacyText}</div>
    </article>
  );
}
