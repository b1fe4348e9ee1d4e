import { z } from "zod";
import { exportBillingRunInvoices } from "@/lib/admin/billing";
import { runInvoiceListSpec } from "@/lib/admin/invoice-list";
import { userRoute } from "@/lib/api/route";
import { csvDownload } from "@/lib/lists/export";
import { parseListParams } from "@/lib/lists/params";

export const dynamic = "force-dynamic";

const schema = z.object({
  params: z.object({ id: z.uuid({ error: "No such billing run." }) }),
  query: z.record(z.string(), z.string()),
});

/**
 * A billing run's invoices as CSV, for the run page's filters, search and sort (its cursor and page size
 * do not matter): the columns of the invoices export, streamed in batches. 404 for an unknown run.
 */
export const GET = userRoute("admin:read", schema, async ({ params, query }, ctx) => {
  const { run, csv } = await exportBillingRunInvoices(ctx.db, {
    runId: params.id,
    params: parseListParams(runInvoiceListSpec, query),
  });
  return csvDownload(csv, `billing-run-${run.period}-invoices-${ctx.today}.csv`);
});
