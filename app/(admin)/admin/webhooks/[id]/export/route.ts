import { z } from "zod";
import { userRoute } from "@/lib/api/route";
import { csvDownload } from "@/lib/lists/export";
import { parseListParams } from "@/lib/lists/params";
import { deliveryListSpec, exportDeliveries } from "@/lib/webhooks/deliveries";

export const dynamic = "force-dynamic";

const schema = z.object({
  params: z.object({ id: z.uuid() }),
  query: z.record(z.string(), z.string()),
});

/**
 * One of the distributor's endpoints' delivery log as CSV, for the URL's filters, search and order (as the
 * page reads them; its cursor and page size do not matter), streamed in batches. The same permission as
 * the endpoint's page; a reseller's endpoint is not the distributor's (404).
 */
export const GET = userRoute("admin:write", schema, async ({ params, query }, ctx) => {
  const list = parseListParams(deliveryListSpec, query);
  const stream = await exportDeliveries(ctx.db, { resellerId: null }, params.id, list);
  return csvDownload(stream, `webhook-deliveries-${ctx.today}.csv`);
});
