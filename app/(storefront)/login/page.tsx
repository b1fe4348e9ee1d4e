import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/guard";
import { homeFor } from "@/lib/auth/permissions";
import { getBrand } from "@/lib/branding";
import { LoginForm } from "./login-form";

export const metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const user = await getCurrentUser();
  if (user) redirect(homeFor(user.role));
  const brand = await getBrand();
  return (
    <div className="mx-auto flex max-w-md flex-col px-4 py-16 sm:px-6">
      <h1 className="text-2xl font-bold tracking-tight">Sign in to {brand.name}</h1>
      <p className="mt-1 text-sm text-slate-600">
        Resellers reach their portal; distributor staff reach the back office.
      </p>
      <div className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <LoginForm
          next={params.next}
          notice={
            params.reset === "done" ? "Your password was changed. Sign in with the new one." : undefined
          }
        />
      </div>
    </div>
  );
}
