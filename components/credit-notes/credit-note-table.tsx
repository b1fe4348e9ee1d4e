import Link from "next/link";
import { ListEmpty } from "@/components/lists/list-empty";
import { ListPager } from "@/components/lists/list-pager";
import { SortHeader } from "@/components/lists/sort-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import type { CreditNoteListRow } from "@/lib/admin/credit-note-list";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import type { PageSize } from "@/lib/lists/params";
import type { ListPage } from "@/lib/lists/run";
import type { ListLinks } from "@/lib/lists/url";

/**
 * A page of credit notes in its card, under the page's filter bar: the table (number, amount and date
 * sortable) or the empty state, then the count and pages. The back office links each invoice and reseller
 * to its record; the portal links the reseller's own invoice, with no reseller column and the reason last.
 */
export function CreditNoteTable({
  audience,
  links,
  page,
  size,
  empty,
}: {
  audience: "admin" | "portal";
  links: ListLinks;
  page: ListPage<CreditNoteListRow>;
  size: PageSize;
  /** The empty state when nothing is issued yet (filtered lists say so themselves). */
  empty: { title: string; text: string };
}) {
  const admin = audience === "admin";
  return (
    <Card>
      {page.rows.length === 0 ? (
        <ListEmpty links={links} noun="credit notes">
          <EmptyState title={empty.title}>{empty.text}</EmptyState>
        </ListEmpty>
      ) : (
        <Table caption="Credit notes">
          <thead>
            <tr>
              <SortHeader links={links} sort="number">
                Credit note
              </SortHeader>
              <Th>Invoice</Th>
              {admin && <Th>Reseller</Th>}
              {admin && <Th>Reason</Th>}
              <SortHeader links={links} sort="amount" numeric>
                Amount
              </SortHeader>
              <SortHeader links={links} sort="date">
                Dated
              </SortHeader>
              {!admin && <Th>Reason</Th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.rows.map((r) => {
              const reason = (
                <Td className="max-w-xs truncate" title={r.reason}>
                  {r.reason}
                </Td>
              );
              return (
                <tr key={r.id}>
                  <Td className="font-medium text-slate-900">{r.number}</Td>
                  <Td>
                    <Link
                      href={`/${audience}/invoices/${r.invoiceId}`}
                      className="text-brand hover:underline"
                    >
                      {r.invoiceNumber}
                    </Link>
                  </Td>
                  {admin && (
                    <Td>
                      <Link href={`/admin/resellers/${r.resellerId}`} className="text-brand hover:underline">
                        {r.reseller}
                      </Link>
                    </Td>
                  )}
                  {admin && reason}
                  <Td numeric>{formatMoney(r.total, r.currency)}</Td>
                  <Td>
                    <time dateTime={r.createdAt.toISOString()} title={formatDateTime(r.createdAt)}>
                      {formatDate(r.createdAt)}
                    </time>
                  </Td>
                  {!admin && reason}
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <ListPager
        links={links}
        count={page.count}
        noun={{ one: "credit note", other: "credit notes" }}
        size={size}
      />
    </Card>
  );
}
