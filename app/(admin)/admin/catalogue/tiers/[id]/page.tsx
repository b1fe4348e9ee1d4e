import Link from "next/link";
import { notFound } from "next/navigation";
import { TierForm } from "@/components/admin/catalogue/tier-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { loadTierForEdit } from "@/lib/catalogue/admin/queries";
import { saveTierAction } from "../../actions";

export const metadata = { title: "Edit tier" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function EditTierPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { id } = await params;
  const { created } = await searchParams;
  const ctx = await pageContext("admin:write", `/admin/catalogue/tiers/${id}`);
  if (!UUID.test(id)) notFound();
  const loaded = await loadTierForEdit(ctx.db, id, ctx.today);
  if (!loaded) notFound();
  const { tier, codeLocked, versionFrom } = loaded;
  return (
    <>
      <PageHeader
        title={`Edit ${tier.name}`}
        description={
          <Link href="/admin/catalogue" className="text-brand hover:underline">
            ← Back to the catalogue
          </Link>
        }
      />
      {created && (
        <div className="mb-4">
          <FormMessage
            ok
            message={
              tier.orderable
                ? `${tier.name} was added with its prices copied; it is orderable now.`
                : `${tier.name} was added with its prices copied. Check them in the price book, then make it orderable here.`
            }
          />
        </div>
      )}
      <Card>
        <CardHeader title="Tier" description={`Code ${tier.code} · ${tier.liveContracts} live contracts`} />
        <CardBody>
          <TierForm
            action={saveTierAction}
            initial={{
              id: tier.id,
              name: tier.name,
              code: tier.code,
              description: tier.description,
              tierLevelValue: tier.tierLevelValue,
              trialAllowed: tier.trialAllowed,
              orderable: tier.orderable,
              retired: tier.retiredAt !== null,
              sortOrder: tier.sortOrder,
            }}
            facts={{
              isPromo: tier.isPromo,
              codeLocked,
              pricedInForce: tier.pricedInForce,
              liveContracts: tier.liveContracts,
              versionFrom,
            }}
          />
        </CardBody>
      </Card>
    </>
  );
}
