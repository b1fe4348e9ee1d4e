import { z } from "zod";
import { userRoute } from "@/lib/api/route";
import { auditListSpec, exportAuditLog } from "@/lib/audit/queries";
import { csvDownload } from "@/lib/lists/export";
import { parseListParams } from "@/lib/lists/params";

export const dynamic = "force-dynamic";

const schema = z.object({ query: z.record(z.string(), z.string()) });

/**
 * The audit log as CSV, for the URL's filters, search and order (as the page reads them; its cursor and
 * page size do not matter): every matching entry with its values before and after, streamed in batches.
 * Back-office readers only, as the page.
 */
export const GET = userRoute("admin:read", schema, async ({ query }, ctx) => {
  const params = parseListParams(auditListSpec, query);
  return csvDownload(await exportAuditLog(ctx.db, params), `audit-log-${ctx.today}.csv`);
});
