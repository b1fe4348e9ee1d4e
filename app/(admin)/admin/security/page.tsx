import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { can } from "@/lib/auth/permissions";
import { listSignInLocks } from "@/lib/auth/throttle";
import { formatDateTime } from "@/lib/format";
import { LIMITS } from "@/lib/security/limits";
import { LocksPanel } from "./locks-panel";

export const metadata = { title: "Sign-in locks" };

export default async function SecurityPage() {
  const ctx = await pageContext("admin:read", "/admin/security");
  const user = ctx.user;
  const locks = await listSignInLocks(ctx.db);
  const mayUnlock = can(user.role, "admin:write");
  const { signInAccountAddress: perAddress, signInAddress: spray, signInAccount: overall } = LIMITS;
  return (
    <>
      <PageHeader
        title="Sign-in locks"
        description="Accounts that cannot sign in right now because of wrong passwords. A lock ends by itself; an administrator can lift it sooner, and a completed password reset lifts it too."
      />
      <Card>
        <LocksPanel
          mayUnlock={mayUnlock}
          emptyText={`Accounts are locked after ${perAddress.points} wrong passwords from one address in ${perAddress.duration / 60} minutes, or ${overall.points} from anywhere in an hour.`}
          locks={locks.map((lock) => ({
            key: `${lock.email}|${lock.address ?? ""}`,
            email: lock.email,
            where: lock.scope === "account" ? "Every address" : `Address ${lock.address}`,
            until: formatDateTime(lock.until),
          }))}
        />
      </Card>
      <Card className="mt-6">
        <CardBody>
          <h2 className="text-base font-semibold text-slate-900">How sign-in is protected</h2>
          <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700">
            <li>
              {perAddress.points} wrong passwords for one account from one address in{" "}
              {perAddress.duration / 60} minutes lock that account from that address; a successful sign-in
              ends the count.
            </li>
            <li>
              {spray.points} wrong passwords from one address in an hour, across accounts, lock that address.
            </li>
            <li>
              {overall.points} wrong passwords for one account in an hour, from any number of addresses, lock
              the account everywhere — someone elsewhere cannot lock an account out with a handful of guesses.
            </li>
            <li>
              Reset and confirmation emails are limited per address and per email, and every form answers the
              same whether or not an account exists.
            </li>
          </ul>
        </CardBody>
      </Card>
    </>
  );
}
