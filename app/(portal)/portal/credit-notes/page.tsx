import { CreditNoteTable } from "@/components/credit-notes/credit-note-table";
import { ExportLink } from "@/components/lists/export-link";
import { ListFilterBar } from "@/components/lists/list-filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext, requireResellerScope } from "@/lib/actions/context";
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
      <CreditNoteTable
        audience="portal"
        links={links}
        page={page}
        size={params.size}
        empty={{
          title: "No credit notes",
          text: "When an invoice of yours is corrected, its credit note appears here.",
        }}
      />
    </>
  );
}
