import "server-only";
import { ilike, or, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creditNotes, invoices } from "@/db/schema";
import { creditNoteCsvColumns, creditNoteRangeWhere, creditNoteSource } from "@/lib/admin/credit-note-list";
import { exportListCsv } from "@/lib/lists/export";
import { type ListParams, type ListSpec, listFilters } from "@/lib/lists/params";
import { runList } from "@/lib/lists/run";
import { likePattern } from "@/lib/lists/search";
import { visibleInvoicesWhere } from "./invoice-access";

/** /portal/credit-notes: the reseller's own credit notes, the newest first. */
export const portalCreditNoteListSpec = {
  sorts: {
    date: { dir: "desc" },
    number: { dir: "desc" },
    amount: { dir: "desc" },
  },
  defaultSort: "date" as const,
  filters: {
    min: listFilters.amount(),
    max: listFilters.amount(),
    from: listFilters.day(),
    to: listFilters.day(),
  },
} satisfies ListSpec;

export type PortalCreditNoteListParams = ListParams<
  keyof typeof portalCreditNoteListSpec.sorts,
  keyof typeof portalCreditNoteListSpec.filters
>;

/**
 * The reseller's credit notes only (the invoice visibility rule of lib/portal/invoice-access: its own,
 * never a draft's), then the filters and a search by the credit note's or the invoice's number.
 */
function portalCreditNoteWhere(resellerId: string, params: PortalCreditNoteListParams): (SQL | undefined)[] {
  const pattern = likePattern(params.q);
  return [
    visibleInvoicesWhere({ resellerId }),
    ...creditNoteRangeWhere(params.filters),
    params.q ? or(ilike(creditNotes.number, pattern), ilike(invoices.number, pattern)) : undefined,
  ];
}

/** One page of the reseller's credit notes. */
export async function listPortalCreditNotePage(
  db: Db,
  resellerId: string,
  params: PortalCreditNoteListParams,
) {
  return runList(db, params, creditNoteSource(db, portalCreditNoteWhere(resellerId, params)));
}

/** The reseller's filtered credit notes (every page) as a CSV stream in the list's order. */
export function exportPortalCreditNoteList(
  db: Db,
  resellerId: string,
  params: PortalCreditNoteListParams,
  options: { batchSize?: number } = {},
) {
  return exportListCsv(
    params,
    creditNoteSource(db, portalCreditNoteWhere(resellerId, params)),
    creditNoteCsvColumns({ reseller: false }),
    options,
  );
}
