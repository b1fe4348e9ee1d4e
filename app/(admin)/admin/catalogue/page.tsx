import Link from "next/link";
import { type MatrixMove, PathMatrix } from "@/components/admin/catalogue/path-matrix";
import { SkusTable } from "@/components/admin/catalogue/skus-table";
import { TiersTable } from "@/components/admin/catalogue/tiers-table";
import { buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { can } from "@/lib/auth/permissions";
import { loadCatalogueView, moveKind, pathKey } from "@/lib/catalogue/admin/queries";
import { formatDate } from "@/lib/format";
import { saveUpgradePathsAction } from "./actions";

export const metadata = { title: "Catalogue" };

export default async function CataloguePage() {
  const ctx = await pageContext("admin:read", "/admin/catalogue");
  const canEdit = can(ctx.user.role, "admin:write");
  const view = await loadCatalogueView(ctx.db, ctx.today);
  const moves: Record<string, MatrixMove> = {};
  for (const from of view.tiers) {
    for (const to of view.tiers) if (from.id !== to.id) moves[pathKey(from.id, to.id)] = moveKind(from, to);
  }
  return (
    <>
      <PageHeader
        title="Catalogue"
        description={
          <>
            Tiers, the paths between them and the services resellers are billed for. Commitments shown are the
            price version in force this month (from {formatDate(view.version.effectiveFrom)}); they and unit
            prices are edited in the{" "}
            <Link href="/admin/prices" className="text-brand underline">
              price book
            </Link>
            .{canEdit ? "" : " You can read the catalogue; an administrator changes it."}
          </>
        }
        action={
          canEdit ? (
            <Link href="/admin/catalogue/tiers/new" className={buttonClass("primary")}>
              New tier
            </Link>
          ) : undefined
        }
      />
      <Card>
        <CardHeader
          title="Tiers"
          description="A retired tier is not orderable nor an upgrade target; contracts on it keep being billed. Other currencies without an amount use USD × FX."
        />
        {view.tiers.length === 0 ? (
          <EmptyState title="No tiers yet">Add the first tier to offer a plan on the storefront.</EmptyState>
        ) : (
          <TiersTable tiers={view.tiers} currencies={view.currencies} canEdit={canEdit} />
        )}
      </Card>
      <Card className="mt-6">
        <CardHeader
          title="Upgrade paths"
          description="Which tier a contract may move to from its own; up or down follows the USD commitment in force."
        />
        {view.tiers.length < 2 ? (
          <EmptyState title="No paths to set">Paths appear once there are two tiers.</EmptyState>
        ) : (
          <div className="pt-4">
            <PathMatrix
              tiers={view.tiers.map((t) => ({
                id: t.id,
                code: t.code,
                name: t.name,
                isPromo: t.isPromo,
                retired: t.retiredAt !== null,
              }))}
              paths={view.paths}
              moves={moves}
              canEdit={canEdit}
              action={saveUpgradePathsAction}
            />
          </div>
        )}
      </Card>
      <Card className="mt-6">
        <CardHeader
          title="Services"
          description="How a month of Acronis usage becomes a billable quantity, and what the storefront lists."
        />
        {view.skus.length === 0 ? (
          <EmptyState title="No services yet">Services come from the catalogue seed.</EmptyState>
        ) : (
          <SkusTable skus={view.skus} canEdit={canEdit} />
        )}
      </Card>
    </>
  );
}
