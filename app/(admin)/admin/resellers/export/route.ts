import { z } from "zod";
import { exportResellerList, resellerListSpec } from "@/lib/admin/reseller-list";
import { userRoute } from "@/lib/api/route";
import { csvDownload } from "@/lib/lists/export";
import { parseListParams } from "@/lib/lists/params";

export const dynamic = "force-dynamic";

const schema = z.object({ query: z.record(z.string(), z.string()) });

/**
 * The resellers list as CSV, for the URL's filters, search and sort (as the page reads them; its cursor
 * and page size do not matter): every matching reseller, streamed in batches. Back-office readers only.
 */
export const GET = userRoute("admin:read", schema, async ({ query }, ctx) => {
  const params = parseListParams(resellerListSpec, query);
  return csvDownload(exportResellerList(ctx.db, params), `resellers-${ctx.today}.csv`);
});
