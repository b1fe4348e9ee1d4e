import { z } from "zod";
import { userRoute } from "@/lib/api/route";
import { AppError } from "@/lib/errors/app-error";
import { getComparison, reconciliationCsv, unmatchedCsv } from "@/lib/reconciliation";

export const dynamic = "force-dynamic";

const schema = z.object({
  query: z.object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month must be YYYY-MM"),
    part: z.enum(["customers", "unmatched"]).default("customers"),
  }),
});

/**
 * A month's reconciliation as CSV, from its latest check: every customer × service with Acronis's and the
 * billed quantity (`part=customers`), or the Acronis rows Tierline does not bill (`part=unmatched`).
 */
export const GET = userRoute("admin:read", schema, async ({ query }, ctx) => {
  const settings = await ctx.settings();
  const result = await getComparison(ctx.db, {
    period: query.month,
    tolerancePercent: settings.reconciliationTolerancePercent,
  });
  if (!result) throw new AppError("not_found", `${query.month} has not been checked against Acronis yet`);
  const body =
    query.part === "unmatched" ? unmatchedCsv(result.unmatched) : reconciliationCsv(result.comparison);
  const name = `reconciliation-${query.month}${query.part === "unmatched" ? "-not-billed" : ""}`;
  // The byte-order mark makes Excel read the file as UTF-8 (accented customer names).
  return new Response(`\uFEFF${body}`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}.csv"`,
      "cache-control": "private, no-store",
    },
  });
});
