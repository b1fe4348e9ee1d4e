import { SetupProgress } from "@/components/portal/setup-progress";
import { PageHeader } from "@/components/ui/page-header";
import { acronisConfigFromEnv } from "@/lib/acronis";
import { pageContext, requireResellerScope } from "@/lib/actions/context";
import { getBrand } from "@/lib/branding";
import { getSetupStatus } from "@/lib/signup";

export const metadata = { title: "Getting started" };
export const dynamic = "force-dynamic";

function consoleUrl(): string {
  try {
    return `${acronisConfigFromEnv().baseUrl}/`;
  } catch {
    return "https://cloud.acronis.com/";
  }
}

export default async function SetupPage() {
  const ctx = await pageContext("portal:read", "/portal/setup");
  const [status, brand] = await Promise.all([getSetupStatus(ctx.db, requireResellerScope(ctx)), getBrand()]);
  return (
    <>
      <PageHeader title="Getting started" description="Your contract and your Acronis partner account" />
      <div className="max-w-3xl">
        <SetupProgress initial={status} consoleUrl={consoleUrl()} supportEmail={brand.supportEmail} />
      </div>
    </>
  );
}
