import { ResetForm } from "./reset-form";

export const metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string; invite?: string }>;
}) {
  const { token, invite } = await searchParams;
  return (
    <div className="mx-auto flex max-w-md flex-col px-4 py-16 sm:px-6">
      <h1 className="text-2xl font-bold tracking-tight">
        {invite ? "Set your password" : "Choose a new password"}
      </h1>
      <p className="mt-1 text-sm text-slate-600">
        {invite
          ? "Welcome. Choose the password you will sign in with."
          : "You will be signed out of every other device."}
      </p>
      <ResetForm token={token ?? ""} />
    </div>
  );
}
