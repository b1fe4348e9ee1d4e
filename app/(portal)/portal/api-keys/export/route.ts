import { z } from "zod";
import { requireResellerScope } from "@/lib/actions/context";
import { userRoute } from "@/lib/api/route";
import { apiKeyListSpec, exportApiKeyList } from "@/lib/api-keys/key-list";
import { csvDownload } from "@/lib/lists/export";
import { parseListParams } from "@/lib/lists/params";

export const dynamic = "force-dynamic";

const schema = z.object({ query: z.record(z.string(), z.string()) });

/**
 * The reseller's own API keys as CSV, for the URL's filters, search and sort (never the secret or its hash);
 * the reseller comes from the session, never the URL. Owners only, like the page.
 */
export const GET = userRoute("portal:manage", schema, async ({ query }, ctx) => {
  const owner = { resellerId: requireResellerScope(ctx) };
  const params = parseListParams(apiKeyListSpec, query);
  return csvDownload(exportApiKeyList(ctx.db, owner, params, ctx.now), `api-keys-${ctx.today}.csv`);
});
