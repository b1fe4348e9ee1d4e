import Link from "next/link";
import { Fragment, type ReactNode } from "react";
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

type Column = { key: string; head: ReactNode; cell: (r: CreditNoteListRow) => ReactNode };

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
  const link = (href: string, text: ReactNode) => (
    <Link href={href} className="text-brand hover:underline">
      {text}
    </Link>
  );
  const number: Column = {
    key: "number",
    head: (
      <SortHeader links={links} sort="number">
        Credit note
      </SortHeader>
    ),
    cell: (r) => <Td className="font-medium text-slate-900">{r.number}</Td>,
  };
  const invoice: Column = {
    key: "invoice",
    head: <Th>Invoice</Th>,
    cell: (r) => <Td>{link(`/${audience}/invoices/${r.invoiceId}`, r.invoiceNumber)}</Td>,
  };
  const reseller: Column = {
    key: "reseller",
    head: <Th>Reseller</Th>,
    cell: (r) => <Td>{link(`/admin/resellers/${r.resellerId}`, r.reseller)}</Td>,
  };
  const reason: Column = {
    key: "reason",
    head: <Th>Reason</Th>,
    cell: (r) => (
      <Td className="max-w-xs truncate" title={r.reason}>
        {r.reason}
      </Td>
    ),
  };
  const amount: Column = {
    key: "amount",
    head: (
      <SortHeader links={links} sort="amount" numeric>
        Amount
      </SortHeader>
    ),
    cell: (r) => <Td numeric>{formatMoney(r.total, r.currency)}</Td>,
  };
  const dated: Column = {
    key: "dated",
    head: (
      <SortHeader links={links} sort="date">
        Dated
      </SortHeader>
    ),
    cell: (r) => (
      <Td>
        <time dateTime={r.createdAt.toISOString()} title={formatDateTime(r.createdAt)}>
          {formatDate(r.createdAt)}
        </time>
      </Td>
    ),
  };
  const columns =
    audience === "admin"
      ? [number, invoice, reseller, reason, amount, dated]
      : [number, invoice, amount, dated, reason];
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
              {columns.map((c) => (
                <Fragment key={c.key}>{c.head}</Fragment>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.rows.map((r) => (
              <tr key={r.id}>
                {columns.map((c) => (
                  <Fragment key={c.key}>{c.cell(r)}</Fragment>
                ))}
              </tr>
            ))}
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
