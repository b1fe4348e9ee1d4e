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
import { pageContext } from "@/lib/actions/context";
import {
  creditNoteCurrencyChoices,
  creditNoteListSpec,
  listCreditNotePage,
} from "@/lib/admin/credit-note-list";
import { invoiceResellerChoices } from "@/lib/admin/invoice-list";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";

export const metadata = { title: "Credit notes" };

export default async function CreditNotesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // Who reads an invoice's credit notes on /admin/invoices/[id] reads them all here.
  const ctx = await pageContext("admin:read", "/admin/credit-notes");
  const params = parseListParams(creditNoteListSpec, await searchParams);
  const [page, currencies, resellerChoices] = await Promise.all([
    listCreditNotePage(ctx.db, params),
    creditNoteCurrencyChoices(ctx.db),
    invoiceResellerChoices(ctx.db),
  ]);
  const links = listLinks("/admin/credit-notes", creditNoteListSpec, params, page);
  const chosen = params.filters.reseller;
  // A reseller named in the URL but past the choices' limit still shows as chosen.
  if (chosen && !resellerChoices.some((r) => r.id === chosen))
    resellerChoices.push({ id: chosen, name: chosen });
  return (
    <>
      <PageHeader
        title="Credit notes"
        description="Every credit note issued against an invoice. Issue one from the invoice it credits."
        action={<ExportLink links={links} noun="credit note" />}
      />
      <ListFilterBar
        links={links}
        search={{
          label: "Search credit notes",
          hint: "Credit note number, invoice number or reseller name.",
        }}
        values={{ q: params.q, ...params.filters }}
        errors={params.errors}
        fields={[
          {
            kind: "select",
            name: "reseller",
            label: "Reseller",
            options: resellerChoices.map((r) => ({ value: r.id, label: r.name })),
          },
          {
            kind: "select",
            name: "currency",
            label: "Currency",
            options: currencies.map((c) => ({ value: c, label: c })),
          },
          { kind: "amount", name: "min", label: "Amount from" },
          { kind: "amount", name: "max", label: "Amount up to" },
          { kind: "date", name: "from", label: "Dated from" },
          { kind: "date", name: "to", label: "Dated up to" },
        ]}
      />
      <Card>
        {page.rows.length === 0 ? (
          <ListEmpty links={links} noun="credit notes">
            <EmptyState title="No credit notes yet">
              A credit note corrects an issued invoice; create one from the invoice's page.
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
                <Th>Reseller</Th>
                <Th>Reason</Th>
                <SortHeader links={links} sort="amount" numeric>
                  Amount
                </SortHeader>
                <SortHeader links={links} sort="date">
                  Dated
                </SortHeader>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((r) => (
                <tr key={r.id}>
                  <Td className="font-medium text-slate-900">{r.number}</Td>
                  <Td>
                    <Link href={`/admin/invoices/${r.invoiceId}`} className="text-brand hover:underline">
                      {r.invoiceNumber}
                    </Link>
                  </Td>
                  <Td>
                    <Link href={`/admin/resellers/${r.resellerId}`} className="text-brand hover:underline">
                      {r.reseller}
                    </Link>
                  </Td>
                  <Td className="max-w-xs truncate" title={r.reason}>
                    {r.reason}
                  </Td>
                  <Td numeric>{formatMoney(r.total, r.currency)}</Td>
                  <Td>
                    <time dateTime={r.createdAt.toISOString()} title={formatDateTime(r.createdAt)}>
                      {formatDate(r.createdAt)}
                    </time>
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
