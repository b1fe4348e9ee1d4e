import { z } from "zod";
import { requireResellerScope } from "@/lib/actions/context";
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
 * One of the caller's reseller's endpoints' delivery log as CSV, for the URL's filters, search and order
 * (as the page reads them; its cursor and page size do not matter), streamed in batches. Another owner's
 * endpoint answers 404, as its page does.
 */
export const GET = userRoute("portal:manage", schema, async ({ params, query }, ctx) => {
  const owner = { resellerId: requireResellerScope(ctx) };
  const list = parseListParams(deliveryListSpec, query);
  const stream = await exportDeliveries(ctx.db, owner, params.id, list);
  return csvDownload(stream, `webhook-deliveries-${ctx.today}.csv`);
});
