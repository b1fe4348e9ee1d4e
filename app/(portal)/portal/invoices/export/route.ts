import { z } from "zod";
import { requireResellerScope } from "@/lib/actions/context";
import { userRoute } from "@/lib/api/route";
import { csvDownload } from "@/lib/lists/export";
import { parseListParams } from "@/lib/lists/params";
import { exportPortalInvoiceList, portalInvoiceListSpec } from "@/lib/portal/invoice-list";

export const dynamic = "force-dynamic";

const schema = z.object({ query: z.record(z.string(), z.string()) });

/**
 * The caller's own invoices as CSV, for the URL's filters, search and sort (as the page reads them; its
 * cursor and page size do not matter), streamed in batches. Scoped to the signed-in user's reseller:
 * distributor staff have none and are refused (403).
 */
export const GET = userRoute("portal:read", schema, async ({ query }, ctx) => {
  const scope = { resellerId: requireResellerScope(ctx), today: ctx.today };
  const params = parseListParams(portalInvoiceListSpec, query);
  return csvDownload(exportPortalInvoiceList(ctx.db, scope, params), `invoices-${ctx.today}.csv`);
});
