import { z } from "zod";
import { creditNoteListSpec, exportCreditNoteList } from "@/lib/admin/credit-note-list";
import { userRoute } from "@/lib/api/route";
import { csvDownload } from "@/lib/lists/export";
import { parseListParams } from "@/lib/lists/params";

export const dynamic = "force-dynamic";

const schema = z.object({ query: z.record(z.string(), z.string()) });

/**
 * The credit notes list as CSV, for the URL's filters, search and sort (as the page reads them; its cursor
 * and page size do not matter): every matching credit note, streamed in batches. Back-office readers only.
 */
export const GET = userRoute("admin:read", schema, async ({ query }, ctx) => {
  const params = parseListParams(creditNoteListSpec, query);
  return csvDownload(exportCreditNoteList(ctx.db, params), `credit-notes-${ctx.today}.csv`);
});
