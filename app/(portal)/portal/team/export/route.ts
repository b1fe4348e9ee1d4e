import { z } from "zod";
import { requireResellerScope } from "@/lib/actions/context";
import { userRoute } from "@/lib/api/route";
import { csvDownload } from "@/lib/lists/export";
import { parseListParams } from "@/lib/lists/params";
import { exportMemberList, memberListSpec } from "@/lib/teams/member-list";

export const dynamic = "force-dynamic";

const schema = z.object({ query: z.record(z.string(), z.string()) });

/**
 * The team page's members as CSV, for the URL's filters, search and sort: the caller's own reseller's users
 * only (from the session, never the URL). Owners only, like the page.
 */
export const GET = userRoute("portal:manage", schema, async ({ query }, ctx) => {
  const scope = { resellerId: requireResellerScope(ctx) };
  const params = parseListParams(memberListSpec, query);
  return csvDownload(exportMemberList(ctx.db, scope, params), `team-${ctx.today}.csv`);
});
