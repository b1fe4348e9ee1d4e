import { RecoveryCodesManager, TurnOffTwoFactor } from "@/components/account/two-factor-manage";
import { SetUpTwoFactor } from "@/components/account/two-factor-setup";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { userContextOf } from "@/lib/actions/context";
import { requireAccountPageUser } from "@/lib/auth/guard";
import { twoFactorStatus } from "@/lib/auth/two-factor";
import { formatDate } from "@/lib/format";

export const metadata = { title: "Sign-in security" };

export default async function AccountSecurityPage() {
  const ctx = userContextOf(await requireAccountPageUser("/account/security"));
  const status = await twoFactorStatus(ctx.db, ctx.user.id);
  const mustEnrol = status.required && !status.enabledAt;
  return (
    <>
      <PageHeader
        title="Sign-in security"
        description={`How ${ctx.user.email} signs in. Two-factor sign-in asks for a code from an app on your phone after your password, so a stolen password alone opens nothing.`}
      />
      {mustEnrol && (
        <div
          role="alert"
          className="mb-6 rounded-md bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200"
        >
          <p className="font-semibold">Set up two-factor sign-in to continue</p>
          <p className="mt-1">
            Your distributor requires two-factor sign-in for staff. The back office opens as soon as it is on.
          </p>
        </div>
      )}
      <Card>
        <CardHeader
          title="Two-factor sign-in"
          description="Works with any authenticator app: Google Authenticator, Microsoft Authenticator, 1Password, Authy and others."
          action={status.enabledAt ? <Badge tone="green">On</Badge> : <Badge tone="neutral">Off</Badge>}
        />
        <CardBody className="flex flex-col gap-4">
          {status.enabledAt ? (
            <p className="text-sm text-slate-700">
              On since {formatDate(status.enabledAt)}. Signing in asks for a code from your app after your
              password.
            </p>
          ) : !status.available ? (
            <p className="text-sm text-slate-700">
              Two-factor sign-in is not available yet: the operator of this service must set
              TIERLINE_SECRETS_KEY first.
            </p>
          ) : (
            <SetUpTwoFactor pending={status.enrolmentPending} continueTo={mustEnrol ? "/admin" : undefined} />
          )}
        </CardBody>
      </Card>
      {status.enabledAt && (
        <>
          <Card className="mt-6">
            <CardHeader
              title="Recovery codes"
              description="Each one signs you in once if your phone is lost. Keep them somewhere safe, away from the phone."
            />
            <CardBody>
              <RecoveryCodesManager left={status.recoveryCodesLeft} />
            </CardBody>
          </Card>
          <Card className="mt-6">
            <CardHeader title="Turn off two-factor sign-in" />
            <CardBody>
              {status.required ? (
                <p className="text-sm text-slate-700">
                  Your distributor requires two-factor sign-in for staff, so it stays on. Lost your phone?
                  Sign in with a recovery code. To move it to a new phone, ask an administrator to reset it
                  (Staff in the back office); you set it up again at your next sign-in.
                </p>
              ) : (
                <TurnOffTwoFactor />
              )}
            </CardBody>
          </Card>
        </>
      )}
    </>
  );
}
