import Link from "next/link";
import { publicContext } from "@/lib/actions/context";
import { roleLabels } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { describeInvitation, INVITATION_UNUSABLE } from "@/lib/teams";
import { AcceptForm } from "./accept-form";

export const metadata = { title: "Accept your invitation", robots: { index: false } };

/**
 * A team invitation's link (lib/teams): who invited whom to which company, and the password form. Opening
 * the page changes nothing (mail scanners open links); choosing the password accepts.
 */
export default async function InvitationPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token = "" } = await searchParams;
  const invitation = await describeInvitation(publicContext().db, token);
  return (
    <div className="mx-auto flex max-w-md flex-col px-4 py-16 sm:px-6">
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        {invitation ? (
          <>
            <h1 className="text-2xl font-bold tracking-tight text-slate-900">{`Join ${invitation.company}`}</h1>
            <p className="mt-2 text-sm text-slate-600">
              {`${invitation.invitedBy ?? invitation.brand} invited you to ${invitation.company} on ${invitation.brand} as ${roleLabels[invitation.role]}. You will sign in as `}
              <span className="font-medium text-slate-900 break-all">{invitation.email}</span>.
            </p>
            <p className="mt-1 text-xs text-slate-500">{`This link works once, until ${formatDateTime(invitation.expiresAt)}.`}</p>
            <AcceptForm token={token} email={invitation.email} />
          </>
        ) : (
          <>
            <h1 className="text-2xl font-bold tracking-tight text-slate-900">
              This invitation cannot be used
            </h1>
            <p role="alert" className="mt-2 text-sm text-slate-600">
              {INVITATION_UNUSABLE}
            </p>
            <p className="mt-4 text-sm">
              <Link href="/login" className="font-medium text-brand underline">
                Sign in
              </Link>{" "}
              if you already chose your password.
            </p>
          </>
        )}
      </div>
    </div>
  );
}
