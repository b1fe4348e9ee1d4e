import { z } from "zod";
import { userRoute } from "@/lib/api/route";
import { apiKeyListSpec, exportApiKeyList } from "@/lib/api-keys/key-list";
import { csvDownload } from "@/lib/lists/export";
import { parseListParams } from "@/lib/lists/params";

export const dynamic = "force-dynamic";

const schema = z.object({ query: z.record(z.string(), z.string()) });

/**
 * The distributor's own API keys (not a reseller's) as CSV, for the URL's filters, search and sort; never
 * the secret or its hash. Administrators only, like the page.
 */
export const GET = userRoute("admin:write", schema, async ({ query }, ctx) => {
  const params = parseListParams(apiKeyListSpec, query);
  return csvDownload(
    exportApiKeyList(ctx.db, { resellerId: null }, params, ctx.now),
    `api-keys-${ctx.today}.csv`,
  );
});
