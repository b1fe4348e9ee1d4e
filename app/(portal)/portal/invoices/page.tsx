import { and, desc, eq, ne } from "drizzle-orm";
import { InvoiceTable } from "@/components/invoices/invoice-table";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { invoices } from "@/db/schema";
import { requirePageUser, resellerIdOf } from "@/lib/auth/guard";

export const metadata = { title: "Invoices" };

export default async function PortalInvoicesPage() {
  const user = await requirePageUser("portal:read", "/portal/invoices");
  // Only this reseller's invoices, and never drafts.
  const rows = await getDb()
    .select()
    .from(invoices)
    .where(and(eq(invoices.resellerId, resellerIdOf(user)), ne(invoices.status, "draft")))
    .orderBy(desc(invoices.period));
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
