import { z } from "zod";
import { exportSyncRunList, syncRunListSpec } from "@/lib/admin/sync-run-list";
import { userRoute } from "@/lib/api/route";
import { csvDownload } from "@/lib/lists/export";
import { parseListParams } from "@/lib/lists/params";

export const dynamic = "force-dynamic";

const schema = z.object({ query: z.record(z.string(), z.string()) });

/**
 * The usage sync runs as CSV, for the URL's filters, search and sort: every matching run with all its
 * errors, streamed in batches. Back-office readers only.
 */
export const GET = userRoute("admin:read", schema, async ({ query }, ctx) => {
  const params = parseListParams(syncRunListSpec, query);
  return csvDownload(exportSyncRunList(ctx.db, params), `usage-sync-runs-${ctx.today}.csv`);
});
