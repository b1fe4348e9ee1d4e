import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { requirePageUser } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { isTwoFactorAvailable, staffWithoutTwoFactor } from "@/lib/auth/two-factor";
import { getBrand } from "@/lib/branding";
import { currentSettings } from "@/lib/settings/current";
import { BrandingForm } from "./branding-form";
import { PolicyForm } from "./policy-form";
import { StaffTwoFactorForm } from "./staff-two-factor-form";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requirePageUser("admin:read", "/admin/settings");
  const b = await getBrand();
  const settings = await currentSettings();
  const initial = {
    name: b.name,
    legalName: b.legalName,
    tagline: b.tagline,
    supportEmail: b.supportEmail,
    logoUrl: b.logoUrl ?? "",
    faviconUrl: b.faviconUrl ?? "",
    primaryColor: b.primaryColor,
    accentColor: b.accentColor,
    termsVersion: b.termsVersion,
    termsText: b.termsText,
    privacyText: b.privacyText,
  };
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your brand on the storefront, the portal and every invoice; sign-up and trial policy."
      />
      <Card>
        <CardHeader
          title="Branding"
          description="Changes show on the next page load; no rebuild or restart."
        />
        <CardBody>
          <BrandingForm initial={initial} canEdit={can(user.role, "admin:write")} />
        </CardBody>
      </Card>
      {settings && (
        <Card className="mt-6">
          <CardHeader
            title="Sign-up, trial, ramp-up and payment policy"
            description="Applies to sign-ups and orders from now on; existing contracts keep their terms."
          />
          <CardBody>
            <PolicyForm
              canEdit={can(user.role, "admin:write")}
              initial={{
                requireAdminApproval: settings.requireAdminApproval,
                trialDays: settings.trialDays,
                trialEndPolicy: settings.trialEndPolicy,
                trialGraceDays: settings.trialGraceDays,
                rampUpDefaultCycles: settings.rampUpDefaultCycles,
                rampUpMaxCycles: settings.rampUpMaxCycles,
                paymentTermsDays: settings.paymentTermsDays,
                invoiceReminderDays: settings.invoiceReminderDays,
              }}
            />
          </CardBody>
        </Card>
      )}
      {settings && (
        <Card className="mt-6">
          <CardHeader
            title="Sign-in security"
            description="Two-factor sign-in: a code from an authenticator app after the password."
          />
          <CardBody>
            <StaffTwoFactorForm
              required={settings.requireStaffTwoFactor}
              canEdit={can(user.role, "admin:write")}
              available={isTwoFactorAvailable()}
              staffWithout={await staffWithoutTwoFactor(getDb())}
              selfEnrolled={user.twoFactorEnabled === true}
            />
          </CardBody>
        </Card>
      )}
    </>
  );
}
