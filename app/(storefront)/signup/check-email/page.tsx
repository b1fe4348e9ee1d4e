import Link from "next/link";
import { mailServerConfigured } from "@/lib/email/deliver";
import { ResendForm } from "./resend-form";

export const metadata = { title: "Check your inbox" };

export default async function CheckEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ email?: string }>;
}) {
  const { email } = await searchParams;
  const mailConfigured = mailServerConfigured();
  return (
    <div className="mx-auto flex max-w-lg flex-col px-4 py-16 sm:px-6">
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <div
          aria-hidden
          className="flex h-12 w-12 items-center justify-center rounded-full bg-brand/10 text-2xl"
        >
          ✉
        </div>
        <h1 className="mt-4 text-2xl font-bold tracking-tight text-slate-900">Check your inbox</h1>
        <p className="mt-2 text-slate-600">
          We sent a confirmation link to{" "}
          <strong className="font-semibold text-slate-900">{email ?? "your email address"}</strong>. Open it
          to confirm your address — then we start your contract and set up your Acronis partner account.
        </p>
        <ul className="mt-4 list-disc space-y-1 pl-5 text-sm text-slate-600">
          <li>The link is valid for 48 hours.</li>
          <li>Nothing arrived after a few minutes? Check your spam folder, or send it again below.</li>
        </ul>
        {!mailConfigured && (
          <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
            This installation has no mail server configured: the email waits in the back office&apos;s Email
            outbox.
          </p>
        )}
        <ResendForm email={email ?? ""} />
        <p className="mt-6 text-sm text-slate-500">
          Wrong address?{" "}
          <Link href="/signup" className="font-medium text-brand hover:underline">
            Sign up again
          </Link>{" "}
          with the right one.
        </p>
      </div>
    </div>
  );
}
