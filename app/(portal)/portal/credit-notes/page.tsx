import Link from "next/link";
import { ExportLink } from "@/components/lists/export-link";
import { ListEmpty } from "@/components/lists/list-empty";
import { ListFilterBar } from "@/components/lists/list-filter-bar";
import { ListPager } from "@/components/lists/list-pager";
import { SortHeader } from "@/components/lists/sort-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { pageContext, requireResellerScope } from "@/lib/actions/context";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";
import { listPortalCreditNotePage, portalCreditNoteListSpec } from "@/lib/portal/credit-note-list";

export const metadata = { title: "Credit notes" };

export default async function PortalCreditNotesPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const ctx = await pageContext("portal:read", "/portal/credit-notes");
  const resellerId = requireResellerScope(ctx);
  const params = parseListParams(portalCreditNoteListSpec, await searchParams);
  const page = await listPortalCreditNotePage(ctx.db, resellerId, params);
  const links = listLinks("/portal/credit-notes", portalCreditNoteListSpec, params, page);
  return (
    <>
      <PageHeader
        title="Credit notes"
        description="Corrections to your invoices: each credit note names the invoice it credits and why. The invoice itself never changes."
        action={<ExportLink links={links} noun="credit note" />}
      />
      <ListFilterBar
        links={links}
        search={{ label: "Search credit notes", hint: "Credit note or invoice number." }}
        values={{ q: params.q, ...params.filters }}
        errors={params.errors}
        fields={[
          { kind: "amount", name: "min", label: "Amount from" },
          { kind: "amount", name: "max", label: "Amount up to" },
          { kind: "date", name: "from", label: "Dated from" },
          { kind: "date", name: "to", label: "Dated up to" },
        ]}
      />
      <Card>
        {page.rows.length === 0 ? (
          <ListEmpty links={links} noun="credit notes">
            <EmptyState title="No credit notes">
              When an invoice of yours is corrected, its credit note appears here.
            </EmptyState>
          </ListEmpty>
        ) : (
          <Table caption="Credit notes">
            <thead>
              <tr>
                <SortHeader links={links} sort="number">
                  Credit note
                </SortHeader>
                <Th>Invoice</Th>
                <SortHeader links={links} sort="amount" numeric>
                  Amount
                </SortHeader>
                <SortHeader links={links} sort="date">
                  Dated
                </SortHeader>
                <Th>Reason</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((r) => (
                <tr key={r.id}>
                  <Td className="font-medium text-slate-900">{r.number}</Td>
                  <Td>
                    <Link href={`/portal/invoices/${r.invoiceId}`} className="text-brand hover:underline">
                      {r.invoiceNumber}
                    </Link>
                  </Td>
                  <Td numeric>{formatMoney(r.total, r.currency)}</Td>
                  <Td>
                    <time dateTime={r.createdAt.toISOString()} title={formatDateTime(r.createdAt)}>
                      {formatDate(r.createdAt)}
                    </time>
                  </Td>
                  <Td className="max-w-xs truncate" title={r.reason}>
                    {r.reason}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <ListPager
          links={links}
          count={page.count}
          noun={{ one: "credit note", other: "credit notes" }}
          size={params.size}
        />
      </Card>
    </>
  );
}
