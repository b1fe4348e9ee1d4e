import { InvoiceTable } from "@/components/invoices/invoice-table";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext, requireResellerScope } from "@/lib/actions/context";
import { listResellerInvoices } from "@/lib/portal/queries";

export const metadata = { title: "Invoices" };

export default async function PortalInvoicesPage() {
  const ctx = await pageContext("portal:read", "/portal/invoices");
  const rows = await listResellerInvoices(ctx.db, requireResellerScope(ctx));
  return (
    <>
      <PageHeader
        title="Invoices"
        description="Your monthly invoices: usage per customer and service, the commitment top-up, tax."
      />
      <Card>
        {rows.length === 0 ? (
          <EmptyState title="No invoices yet">
            Your first invoice arrives after the end of your first paid month.
          </EmptyState>
        ) : (
          <InvoiceTable rows={rows} hrefBase="/portal/invoices" />
        )}
      </Card>
    </>
  );
}
