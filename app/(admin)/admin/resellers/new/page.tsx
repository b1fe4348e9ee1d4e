import Link from "next/link";
import { CreateResellerForm } from "@/components/admin/resellers/create-reseller-form";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { getSignupOptions } from "@/lib/signup/options";
import { createResellerAction } from "./actions";

export const metadata = { title: "New reseller" };

export default async function NewResellerPage() {
  const ctx = await pageContext("admin:write", "/admin/resellers/new");
  const options = await getSignupOptions(ctx.db, ctx.today);
  return (
    <>
      <PageHeader
        title="New reseller"
        description={
          <span className="flex flex-col gap-1">
            <Link href="/admin/resellers" className="text-brand hover:underline">
              ← Resellers
            </Link>
            <span>
              For a reseller signed outside the storefront. Its owner gets an email to set a password; the
              contract starts today and its Acronis tenant is set up as after a sign-up.
            </span>
          </span>
        }
      />
      <Card>
        <CardBody>
          <CreateResellerForm
            countries={options.countries}
            currencies={options.currencies.map((c) => c.code)}
            tiers={options.tiers.map((t) => ({ code: t.code, name: t.name, trialAllowed: t.trialAllowed }))}
            action={createResellerAction}
          />
        </CardBody>
      </Card>
    </>
  );
}
