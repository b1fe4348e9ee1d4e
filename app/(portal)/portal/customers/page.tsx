import Link from "next/link";
import { CustomerTable, customerFilterFields, customerSearch } from "@/components/customers/customer-table";
import { ExportLink } from "@/components/lists/export-link";
import { ListEmpty } from "@/components/lists/list-empty";
import { ListFilterBar } from "@/components/lists/list-filter-bar";
import { ListPager } from "@/components/lists/list-pager";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext, requireResellerScope } from "@/lib/actions/context";
import { customerListSpec, listCustomerPage } from "@/lib/customers/customer-list";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";

export const metadata = { title: "Customers" };

/** Every customer tenant under the reseller's partner tenant, a page at a time. */
export default async function PortalCustomersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext("portal:read", "/portal/customers");
  const resellerId = requireResellerScope(ctx);
  const params = parseListParams(customerListSpec, await searchParams);
  const page = await listCustomerPage(ctx.db, resellerId, params, ctx.today);
  const links = listLinks("/portal/customers", customerListSpec, params, page);
  return (
    <>
      <PageHeader
        title="Customers"
        description="Every customer tenant under your partner tenant, in folders and under sub-partners too. Customers in trial are listed but not billed."
        action={
          <div className="flex flex-wrap items-center gap-3">
            <Link href="/portal/usage" className="text-sm font-medium text-brand hover:underline">
              ← Usage
            </Link>
            <ExportLink links={links} noun="customer" />
          </div>
        }
      />
      <ListFilterBar
        links={links}
        search={customerSearch}
        values={{ q: params.q, ...params.filters }}
        errors={params.errors}
        fields={customerFilterFields}
      />
      <Card>
        {page.rows.length === 0 ? (
          <ListEmpty links={links} noun="customers">
            <EmptyState title="No customers yet">
              Create customer tenants in the Acronis console; they appear here after the next usage sync.
            </EmptyState>
          </ListEmpty>
        ) : (
          <CustomerTable rows={page.rows} links={links} customerHref={(id) => `/portal/customers/${id}`} />
        )}
        <ListPager
          links={links}
          count={page.count}
          noun={{ one: "customer", other: "customers" }}
          size={params.size}
        />
      </Card>
    </>
  );
}
