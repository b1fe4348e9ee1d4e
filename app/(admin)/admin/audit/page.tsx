import { AuditEntryList } from "@/components/admin/audit/audit-entry-list";
import { ExportLink } from "@/components/lists/export-link";
import { ListEmpty } from "@/components/lists/list-empty";
import { ListFilterBar } from "@/components/lists/list-filter-bar";
import { ListPager } from "@/components/lists/list-pager";
import { SortSwitch } from "@/components/lists/sort-switch";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { actionLabel, entityLabel } from "@/lib/audit/labels";
import { auditChoices, auditListSpec, listAuditPage } from "@/lib/audit/queries";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext("admin:read", "/admin/audit");
  const params = parseListParams(auditListSpec, await searchParams);
  const [page, choices] = await Promise.all([listAuditPage(ctx.db, params), auditChoices(ctx.db)]);
  const links = listLinks("/admin/audit", auditListSpec, params, page);
  const actors = choices.actors;
  // Someone named in the URL but not among the choices (a reseller's user) still shows as chosen.
  const actor = params.filters.actor;
  if (actor && !actors.some((a) => a.value === actor)) actors.unshift({ value: actor, name: actor });
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);
  const kinds = [
    ...choices.entityTypes.map((e) => ({ value: e, label: `${entityLabel(e)}: any change` })).sort(byLabel),
    ...choices.actions.map((a) => ({ value: a, label: actionLabel(a) })).sort(byLabel),
  ];
  const kind = params.filters.kind;
  if (kind && !kinds.some((k) => k.value === kind)) kinds.unshift({ value: kind, label: kind });
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who changed what, with the values before and after. Entries are never edited or removed."
        action={<ExportLink links={links} noun="entry" />}
      />
      <ListFilterBar
        links={links}
        search={{
          label: "Search the audit log",
          hint: "An action, what changed (a reseller's name or an id), or who (a name or an email).",
        }}
        values={{ q: params.q, ...params.filters }}
        errors={params.errors}
        fields={[
          {
            kind: "select",
            name: "actor",
            label: "Who",
            anyLabel: "Everyone",
            options: actors.map((a) => ({ value: a.value, label: a.name })),
          },
          { kind: "select", name: "kind", label: "Kind", anyLabel: "Every change", options: kinds },
          { kind: "date", name: "from", label: "From day" },
          { kind: "date", name: "to", label: "To day" },
        ]}
      />
      <div className="mb-3">
        <SortSwitch
          links={links}
          sort="at"
          label="Order of the entries"
          options={[
            { dir: "desc", label: "Newest first" },
            { dir: "asc", label: "Oldest first" },
          ]}
        />
      </div>
      <Card className="min-w-0">
        {page.rows.length === 0 ? (
          <ListEmpty links={links} noun="entries">
            <EmptyState title="Nothing recorded yet">
              Changes to resellers, contracts, invoices, prices and settings appear here as they are made.
            </EmptyState>
          </ListEmpty>
        ) : (
          <AuditEntryList entries={page.rows} />
        )}
        <ListPager
          links={links}
          count={page.count}
          noun={{ one: "entry", other: "entries" }}
          size={params.size}
        />
      </Card>
    </>
  );
}
