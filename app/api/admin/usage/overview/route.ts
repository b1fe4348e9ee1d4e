import { z } from "zod";
import { userRoute } from "@/lib/api/route";
import { adminUsageOverview, MAX_OVERVIEW_MONTHS, OVERVIEW_MONTHS } from "@/lib/dashboard/overview";

export const dynamic = "force-dynamic";

const query = z.object({
  months: z.coerce
    .number()
    .int("Choose a whole number of months.")
    .min(1, "Choose at least one month.")
    .max(MAX_OVERVIEW_MONTHS, `Choose at most ${MAX_OVERVIEW_MONTHS} months.`)
    .default(OVERVIEW_MONTHS),
});

/** The back office's usage overview across resellers (admin:read); see lib/dashboard/overview.ts. */
export const GET = userRoute("admin:read", z.object({ query }), async ({ query: q }, ctx) =>
  adminUsageOverview(ctx.db, { today: ctx.today, months: q.months }),
);
