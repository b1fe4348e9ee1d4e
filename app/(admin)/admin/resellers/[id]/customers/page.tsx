import Link from "next/link";
import { notFound } from "next/navigation";
import { CustomerTable, customerFilterFields, customerSearch } from "@/components/customers/customer-table";
import { ExportLink } from "@/components/lists/export-link";
import { ListEmpty } from "@/components/lists/list-empty";
import { ListFilterBar } from "@/components/lists/list-filter-bar";
import { ListPager } from "@/components/lists/list-pager";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { customerListSpec, listCustomerPage } from "@/lib/customers/customer-list";
import { idParam } from "@/lib/dashboard/schemas";
import { requireReseller } from "@/lib/dashboard/scope";
import { isAppError } from "@/lib/errors/app-error";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";

export const metadata = { title: "Reseller customers" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

/** One reseller's customer tenants, a page at a time (read-only: they live in Acronis). */
export default async function ResellerCustomersPage({ params, searchParams }: Props) {
  const { id } = await params;
  const path = `/admin/resellers/${id}/customers`;
  const ctx = await pageContext("admin:read", path);
  if (!idParam.safeParse(id).success) notFound();
  const reseller = await requireReseller(ctx.db, id).catch((error) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const list = parseListParams(customerListSpec, await searchParams);
  const page = await listCustomerPage(ctx.db, reseller.id, list, ctx.today);
  const links = listLinks(path, customerListSpec, list, page);
  return (
    <>
      <PageHeader
        title={`${reseller.name}: customers`}
        description={
          <span className="flex flex-wrap gap-x-4 gap-y-1">
            <Link href={`/admin/resellers/${reseller.id}`} className="text-brand hover:underline">
              ← {reseller.name}
            </Link>
            <Link href={`/admin/usage/${reseller.id}`} className="text-brand hover:underline">
              Usage dashboard →
            </Link>
          </span>
        }
        action={<ExportLink links={links} noun="customer" />}
      />
      <ListFilterBar
        links={links}
        search={customerSearch}
        values={{ q: list.q, ...list.filters }}
        errors={list.errors}
        fields={customerFilterFields}
      />
      <Card>
        {page.rows.length === 0 ? (
          <ListEmpty links={links} noun="customers">
            <EmptyState title="No customers yet">
              The reseller's customer tenants appear here after the next usage sync finds them in Acronis.
            </EmptyState>
          </ListEmpty>
        ) : (
          <CustomerTable
            rows={page.rows}
            links={links}
            customerHref={(customerId) => `/admin/usage/${reseller.id}/customers/${customerId}`}
          />
        )}
        <ListPager
          links={links}
          count={page.count}
          noun={{ one: "customer", other: "customers" }}
          size={list.size}
        />
      </Card>
    </>
  );
}
