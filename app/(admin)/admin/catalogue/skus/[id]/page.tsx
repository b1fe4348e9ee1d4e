import Link from "next/link";
import { notFound } from "next/navigation";
import { SkuForm } from "@/components/admin/catalogue/sku-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { loadSku } from "@/lib/catalogue/admin/queries";
import { saveSkuAction } from "../../actions";

export const metadata = { title: "Edit service" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function EditSkuPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await pageContext("admin:write", `/admin/catalogue/skus/${id}`);
  if (!UUID.test(id)) notFound();
  const sku = await loadSku(ctx.db, id);
  if (!sku) notFound();
  return (
    <>
      <PageHeader
        title={`Edit ${sku.name}`}
        description={
          <Link href="/admin/catalogue" className="text-brand hover:underline">
            ← Back to the catalogue
          </Link>
        }
      />
      <Card>
        <CardHeader
          title="Service"
          description="The display name, unit and order change what people read; the aggregation, divisor, Acronis offering item and storage change what resellers pay."
        />
        <CardBody>
          <SkuForm
            action={saveSkuAction}
            initial={{
              id: sku.id,
              code: sku.code,
              acronisUnit: sku.acronisUnit,
              name: sku.name,
              unit: sku.unit,
              aggregation: sku.aggregation,
              divisor: sku.divisor,
              storefront: sku.storefront,
              active: sku.active,
              isMain: sku.isMain,
              sortOrder: sku.sortOrder,
              acronisName: sku.acronisName ?? "",
              storageOwner: sku.storageOwner === "partner" ? "" : (sku.storageOwner ?? ""),
            }}
          />
        </CardBody>
      </Card>
    </>
  );
}
