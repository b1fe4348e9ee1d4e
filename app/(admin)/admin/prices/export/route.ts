import { z } from "zod";
import { userRoute } from "@/lib/api/route";
import { csvDownload } from "@/lib/lists/export";
import { parseListParams } from "@/lib/lists/params";
import { exportVersionList, versionListSpec } from "@/lib/prices/version-list";

export const dynamic = "force-dynamic";

const schema = z.object({ query: z.record(z.string(), z.string()) });

/**
 * The price versions list as CSV (each version's start, state, note and lock), for the URL's filters, search
 * and sort as /admin/prices reads them. A version's prices are its own export, /admin/prices/[versionId]/export.
 */
export const GET = userRoute("admin:read", schema, async ({ query }, ctx) => {
  const params = parseListParams(versionListSpec, query);
  return csvDownload(exportVersionList(ctx.db, params, ctx.today), `price-versions-${ctx.today}.csv`);
});
