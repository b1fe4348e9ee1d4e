import { z } from "zod";
import { contractListSpec, exportContractList } from "@/lib/admin/contract-list";
import { userRoute } from "@/lib/api/route";
import { csvDownload } from "@/lib/lists/export";
import { parseListParams } from "@/lib/lists/params";

export const dynamic = "force-dynamic";

const schema = z.object({ query: z.record(z.string(), z.string()) });

/**
 * The contracts list as CSV, for the URL's filters, search and sort (as the page reads them; its cursor and
 * page size do not matter): every matching contract, streamed in batches. Back-office readers only.
 */
export const GET = userRoute("admin:read", schema, async ({ query }, ctx) => {
  const params = parseListParams(contractListSpec, query);
  return csvDownload(exportContractList(ctx.db, params, ctx.today), `contracts-${ctx.today}.csv`);
});
