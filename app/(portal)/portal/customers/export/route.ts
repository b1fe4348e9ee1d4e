import { z } from "zod";
import { requireResellerScope } from "@/lib/actions/context";
import { userRoute } from "@/lib/api/route";
import { customerListSpec, exportCustomerList } from "@/lib/customers/customer-list";
import { csvDownload } from "@/lib/lists/export";
import { parseListParams } from "@/lib/lists/params";

export const dynamic = "force-dynamic";

const schema = z.object({ query: z.record(z.string(), z.string()) });

/**
 * The caller's own customers as CSV, for the URL's filters, search and sort (as /portal/customers reads
 * them): every matching customer, streamed in batches. Scoped to the signed-in reseller, never the URL.
 */
export const GET = userRoute("portal:read", schema, async ({ query }, ctx) => {
  const resellerId = requireResellerScope(ctx);
  const params = parseListParams(customerListSpec, query);
  return csvDownload(exportCustomerList(ctx.db, resellerId, params, ctx.today), `customers-${ctx.today}.csv`);
});
