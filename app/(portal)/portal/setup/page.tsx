import { SetupProgress } from "@/components/portal/setup-progress";
import { PageHeader } from "@/components/ui/page-header";
import type { Db } from "@/db/client";
import { datacenterConsoleUrl, datacenterOfReseller } from "@/lib/acronis/datacenters";
import { pageContext, requireResellerScope } from "@/lib/actions/context";
import { getBrand } from "@/lib/branding";
import { getSetupStatus } from "@/lib/signup";

export const metadata = { title: "Getting started" };
export const dynamic = "force-dynamic";

/** The console of the datacenter the reseller's partner tenant lives in (Acronis's global sign-in otherwise). */
async function consoleUrl(db: Db, resellerId: string): Promise<string> {
  const url = await datacenterConsoleUrl(db, await datacenterOfReseller(db, resellerId));
  return url ?? "https://cloud.acronis.com/";
}

export default async function SetupPage() {
  const ctx = await pageContext("portal:read", "/portal/setup");
  const resellerId = requireResellerScope(ctx);
  const [status, brand, acronisConsole] = await Promise.all([
    getSetupStatus(ctx.db, resellerId),
    getBrand(),
    consoleUrl(ctx.db, resellerId),
  ]);
  return (
    <>
      <PageHeader title="Getting started" description="Your contract and your Acronis partner account" />
      <div className="max-w-3xl">
        <SetupProgress initial={status} consoleUrl={acronisConsole} supportEmail={brand.supportEmail} />
      </div>
    </>
  );
}
