import { getBrand } from "@/lib/branding";
import { VerifyForm } from "./verify-form";

export const metadata = { title: "Confirm your email" };

/**
 * The link only shows a button: confirming is a POST, so mail scanners that open links can't start a
 * contract on the reseller's behalf.
 */
export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const brand = await getBrand();
  return (
    <div className="mx-auto flex max-w-lg flex-col px-4 py-16 sm:px-6">
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Confirm your email</h1>
        <p className="mt-2 text-slate-600">
          One click and {brand.name} starts your contract and sets up your Acronis partner account. You will
          watch it happen on the next page.
        </p>
        <VerifyForm token={token ?? ""} />
      </div>
    </div>
  );
}
