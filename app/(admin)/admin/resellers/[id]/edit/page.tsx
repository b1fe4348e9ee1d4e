import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ResellerEditForm } from "@/components/admin/resellers/reseller-edit-form";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { getResellerDetail } from "@/lib/admin/reseller-detail";
import { listCountries } from "@/lib/signup/countries";
import { editResellerAction } from "../actions";

export const metadata = { title: "Edit reseller" };

export default async function EditResellerPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await pageContext("admin:write", "/admin/resellers");
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const detail = await getResellerDetail(ctx.db, id.data);
  if (!detail) notFound();
  const r = detail.reseller;
  return (
    <>
      <PageHeader
        title={`Edit ${r.name}`}
        description={
          <Link href={`/admin/resellers/${r.id}`} className="text-brand hover:underline">
            ← {r.name}
          </Link>
        }
      />
      <Card>
        <CardBody>
          <ResellerEditForm
            resellerId={r.id}
            countries={listCountries()}
            action={editResellerAction}
            initial={{
              name: r.name,
              legalName: r.legalName,
              addressLine1: r.addressLine1,
              addressLine2: r.addressLine2 ?? "",
              city: r.city,
              postalCode: r.postalCode,
              region: r.region ?? "",
              country: r.country,
              taxId: r.taxId ?? "",
              billingEmail: r.billingEmail,
              billingContacts: r.billingContacts.join(", "),
            }}
          />
        </CardBody>
      </Card>
    </>
  );
}
