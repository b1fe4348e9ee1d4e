import { z } from "zod";
import { userRoute } from "@/lib/api/route";
import { csvDownload } from "@/lib/lists/export";
import { parseListParams } from "@/lib/lists/params";
import { exportMemberList, memberListSpec } from "@/lib/teams/member-list";

export const dynamic = "force-dynamic";

const schema = z.object({ query: z.record(z.string(), z.string()) });

/**
 * The staff page's list as CSV, for the URL's filters, search and sort: the distributor's users only (no
 * reseller's). Every back-office reader, like the page.
 */
export const GET = userRoute("admin:read", schema, async ({ query }, ctx) => {
  const params = parseListParams(memberListSpec, query);
  return csvDownload(exportMemberList(ctx.db, { resellerId: null }, params), `staff-${ctx.today}.csv`);
});
