import { z } from "zod";
import { userRoute } from "@/lib/api/route";
import { marginReport } from "@/lib/reports/margin";
import { marginCsv } from "@/lib/reports/margin-csv";
import { parseMarginFilters } from "@/lib/reports/margin-filters";
import { marginTable } from "@/lib/reports/margin-table";

export const dynamic = "force-dynamic";

const schema = z.object({ query: z.record(z.string(), z.string()) });

/** The margin report's table as CSV, for the URL's filters: distributor staff only (it shows cost). */
export const GET = userRoute("admin:read", schema, async ({ query }, ctx) => {
  const filters = parseMarginFilters(query, ctx.today);
  const table = marginTable(await marginReport(ctx.db, filters));
  const name = `margin-${filters.view === "service" ? "by-service" : "by-reseller"}-${filters.from}-to-${filters.to}`;
  // The byte-order mark makes Excel read the file as UTF-8 (accented reseller names).
  return new Response(`\uFEFF${marginCsv(table)}`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}.csv"`,
      "cache-control": "private, no-store",
    },
  });
});
