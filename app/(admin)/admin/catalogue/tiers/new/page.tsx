import Link from "next/link";
import { TierCreateForm } from "@/components/admin/catalogue/tier-create-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { loadCatalogueView, openVersionsFrom } from "@/lib/catalogue/admin/queries";
import { formatDate } from "@/lib/format";
import { createTierAction } from "../../actions";

export const metadata = { title: "New tier" };

export default async function NewTierPage() {
  const ctx = await pageContext("admin:write", "/admin/catalogue/tiers/new");
  const [view, versions] = await Promise.all([
    loadCatalogueView(ctx.db, ctx.today),
    openVersionsFrom(ctx.db, ctx.today),
  ]);
  const sources = view.tiers.filter((t) => t.pricedInForce);
  const defaultSource = sources.find((t) => t.code === "T3")?.id ?? sources[0]?.id ?? "";
  return (
    <>
      <PageHeader
        title="New tier"
        description={
          <Link href="/admin/catalogue" className="text-brand hover:underline">
            ← Back to the catalogue
          </Link>
        }
      />
      <Card>
        <CardHeader
          title="Tier"
          description="The tier gets its USD commitment and a copy of another tier's unit prices in every price version below, in one step; paths to and from the other tiers are added (never into Promo) and can be removed in the matrix."
        />
        {versions.open.length === 0 ? (
          <EmptyState
            title="No price version can price a new tier"
            action={
              <Link href="/admin/prices" className="text-brand underline">
                Open the price book
              </Link>
            }
          >
            The version in force (from {formatDate(versions.current.effectiveFrom)}) priced issued invoices,
            so it never changes, and no later version is scheduled. Prepare next month&apos;s version in the
            price book, then add the tier: it becomes orderable once that version is in force.
          </EmptyState>
        ) : sources.length === 0 ? (
          <EmptyState title="No tier to copy prices from">
            Price at least one tier in the version in force first.
          </EmptyState>
        ) : (
          <CardBody>
            <p className="mb-4 text-sm text-slate-600">
              Priced in:{" "}
              {versions.open
                .map(
                  (v) =>
                    `the version from ${formatDate(v.effectiveFrom)}${v.id === versions.current.id ? " (in force)" : " (scheduled)"}`,
                )
                .join(", ")}
              .
              {!versions.currentOpen &&
                " The version in force priced issued invoices and cannot price it: the tier becomes orderable only once a later version is in force."}
            </p>
            <TierCreateForm
              sources={sources.map((t) => ({ id: t.id, code: t.code, name: t.name }))}
              defaultSource={defaultSource}
              canBeOrderable={versions.currentOpen}
              action={createTierAction}
            />
          </CardBody>
        )}
      </Card>
    </>
  );
}
