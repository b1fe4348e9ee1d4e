import Link from "next/link";
import { StateBadge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { pageContext } from "@/lib/actions/context";
import { listResellers } from "@/lib/admin/queries";
import { can } from "@/lib/auth/permissions";
import { formatDate } from "@/lib/format";

export const metadata = { title: "Resellers" };

export default async function ResellersPage() {
  const ctx = await pageContext("admin:read", "/admin/resellers");
  const rows = await listResellers(ctx.db);
  return (
    <>
      <PageHeader
        title="Resellers"
        description="Every service provider on your marketplace, with its live contract."
        action={
          can(ctx.user.role, "admin:write") ? (
            <Link href="/admin/resellers/new" className={buttonClass("primary")}>
              New reseller
            </Link>
          ) : undefined
        }
      />
      <Card>
        {rows.length === 0 ? (
          <EmptyState title="No resellers yet">
            Resellers appear here as soon as they sign up on your storefront, or when you create one by hand.
          </EmptyState>
        ) : (
          <Table caption="Resellers">
            <thead>
              <tr>
                <Th>Reseller</Th>
                <Th>Country</Th>
                <Th>Currency</Th>
                <Th>Tier</Th>
                <Th>Contract</Th>
                <Th numeric>Customers</Th>
                <Th>Customer since</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id}>
                  <Td className="font-medium text-slate-900">
                    <Link href={`/admin/resellers/${r.id}`} className="text-brand hover:underline">
                      {r.name}
                    </Link>
                  </Td>
                  <Td>{r.country}</Td>
                  <Td>{r.currency}</Td>
                  <Td>{r.tier ?? "—"}</Td>
                  <Td>
                    {r.state ? (
                      <StateBadge state={r.state} />
                    ) : r.status !== "active" ? (
                      <StateBadge state={r.status} />
                    ) : (
                      "—"
                    )}
                  </Td>
                  <Td numeric>{r.customers}</Td>
                  <Td>{formatDate(r.customerSince)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </>
  );
}
