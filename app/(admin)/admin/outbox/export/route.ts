import { z } from "zod";
import { userRoute } from "@/lib/api/route";
import { exportOutbox, outboxListSpec } from "@/lib/email/outbox-queries";
import { csvDownload } from "@/lib/lists/export";
import { parseListParams } from "@/lib/lists/params";

export const dynamic = "force-dynamic";

const schema = z.object({ query: z.record(z.string(), z.string()) });

/**
 * The outbox as CSV, for the URL's filters, search and order (as the page reads them; its cursor and page
 * size do not matter): what the list shows of every matching email, never a body or a one-time link.
 * Back-office readers only, as the page.
 */
export const GET = userRoute("admin:read", schema, async ({ query }, ctx) => {
  const params = parseListParams(outboxListSpec, query);
  return csvDownload(exportOutbox(ctx.db, params), `outbox-${ctx.today}.csv`);
});
