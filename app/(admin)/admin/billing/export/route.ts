import { z } from "zod";
import { billingRunListSpec, exportBillingRunList } from "@/lib/admin/billing";
import { userRoute } from "@/lib/api/route";
import { csvDownload } from "@/lib/lists/export";
import { parseListParams } from "@/lib/lists/params";

export const dynamic = "force-dynamic";

const schema = z.object({ query: z.record(z.string(), z.string()) });

/**
 * The billing runs list as CSV, for the URL's filters, search and sort (as the page reads them; its cursor
 * and page size do not matter): every matching run, streamed in batches. Back-office readers only.
 */
export const GET = userRoute("admin:read", schema, async ({ query }, ctx) => {
  const params = parseListParams(billingRunListSpec, query);
  return csvDownload(exportBillingRunList(ctx.db, params), `billing-runs-${ctx.today}.csv`);
});
