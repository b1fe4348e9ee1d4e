import { CreditNoteTable } from "@/components/credit-notes/credit-note-table";
import { ExportLink } from "@/components/lists/export-link";
import { ListFilterBar } from "@/components/lists/list-filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import {
  creditNoteCurrencyChoices,
  creditNoteListSpec,
  listCreditNotePage,
} from "@/lib/admin/credit-note-list";
import { invoiceResellerChoices } from "@/lib/admin/invoice-list";
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
      <CreditNoteTable
        audience="admin"
        links={links}
        page={page}
        size={params.size}
        empty={{
          title: "No credit notes yet",
          text: "A credit note corrects an issued invoice; create one from the invoice's page.",
        }}
      />
    </>
  );
}
