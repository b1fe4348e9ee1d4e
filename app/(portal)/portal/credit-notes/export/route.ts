import { z } from "zod";
import { requireResellerScope } from "@/lib/actions/context";
import { userRoute } from "@/lib/api/route";
import { csvDownload } from "@/lib/lists/export";
import { parseListParams } from "@/lib/lists/params";
import { exportPortalCreditNoteList, portalCreditNoteListSpec } from "@/lib/portal/credit-note-list";

export const dynamic = "force-dynamic";

const schema = z.object({ query: z.record(z.string(), z.string()) });

/**
 * The caller's own credit notes as CSV, for the URL's filters, search and sort (as /portal/credit-notes
 * reads them): every matching credit note, streamed in batches. Scoped to the signed-in reseller, never the URL.
 */
export const GET = userRoute("portal:read", schema, async ({ query }, ctx) => {
  const resellerId = requireResellerScope(ctx);
  const params = parseListParams(portalCreditNoteListSpec, query);
  return csvDownload(exportPortalCreditNoteList(ctx.db, resellerId, params), `credit-notes-${ctx.today}.csv`);
});
