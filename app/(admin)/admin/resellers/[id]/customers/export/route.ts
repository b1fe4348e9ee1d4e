import { z } from "zod";
import { userRoute } from "@/lib/api/route";
import { customerListSpec, exportCustomerList } from "@/lib/customers/customer-list";
import { requireReseller } from "@/lib/dashboard/scope";
import { csvDownload } from "@/lib/lists/export";
import { parseListParams } from "@/lib/lists/params";

export const dynamic = "force-dynamic";

const schema = z.object({
  params: z.object({ id: z.uuid() }),
  query: z.record(z.string(), z.string()),
});

/**
 * One reseller's customers as CSV, for the URL's filters, search and sort (as the page reads them): every
 * matching customer, streamed in batches. Back-office readers only; an unknown reseller is a 404.
 */
export const GET = userRoute("admin:read", schema, async ({ params, query }, ctx) => {
  const reseller = await requireReseller(ctx.db, params.id);
  const list = parseListParams(customerListSpec, query);
  return csvDownload(
    exportCustomerList(ctx.db, reseller.id, list, ctx.today),
    `customers-${reseller.id.slice(0, 8)}-${ctx.today}.csv`,
  );
});
