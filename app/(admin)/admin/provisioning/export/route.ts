import { z } from "zod";
import { exportProvisioningList, provisioningListSpec } from "@/lib/admin/provisioning-list";
import { userRoute } from "@/lib/api/route";
import { csvDownload } from "@/lib/lists/export";
import { parseListParams } from "@/lib/lists/params";

export const dynamic = "force-dynamic";

const schema = z.object({ query: z.record(z.string(), z.string()) });

/**
 * The provisioning jobs list as CSV, for the URL's filters, search and sort: every matching job, streamed
 * in batches. Back-office readers only.
 */
export const GET = userRoute("admin:read", schema, async ({ query }, ctx) => {
  const params = parseListParams(provisioningListSpec, query);
  return csvDownload(exportProvisioningList(ctx.db, params), `provisioning-${ctx.today}.csv`);
});
