import Link from "next/link";
import { AuditEntryList } from "@/components/admin/audit/audit-entry-list";
import { AuditFilterForm } from "@/components/admin/audit/audit-filter-form";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { auditQuery, parseAuditFilters } from "@/lib/audit/filters";
import { auditChoices, listAuditEntries } from "@/lib/audit/queries";

export const metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await pageContext("admin:read", "/admin/audit");
  const filters = parseAuditFilters(await searchParams);
  const [{ entries, older }, choices] = await Promise.all([
    listAuditEntries(ctx.db, filters),
    auditChoices(ctx.db),
  ]);
  const filtered = Boolean(filters.actor || filters.kind || filters.from || filters.to);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who changed what, newest first, with the values before and after. Entries are never edited or removed."
      />
      <div className="flex flex-col gap-6">
        <AuditFilterForm filters={filters} choices={choices} />
        <Card className="min-w-0">
          {entries.length === 0 ? (
            <EmptyState title={filtered || filters.before ? "No entry matches" : "Nothing recorded yet"}>
              {filtered ? "Try a wider date range or another person or kind." : undefined}
            </EmptyState>
          ) : (
            <AuditEntryList entries={entries} />
          )}
        </Card>
        {(older || filters.before) && (
          <nav aria-label="Audit log pages" className="flex flex-wrap justify-between gap-2">
            {filters.before ? (
              <Link
                href={`/admin/audit?${auditQuery(filters, { before: null })}`}
                className={buttonClass("secondary")}
              >
                Newest
              </Link>
            ) : (
              <span />
            )}
            {older && (
              <Link
                href={`/admin/audit?${auditQuery(filters, { before: older })}`}
                className={buttonClass("secondary")}
              >
                Older
              </Link>
            )}
          </nav>
        )}
      </div>
    </>
  );
}
