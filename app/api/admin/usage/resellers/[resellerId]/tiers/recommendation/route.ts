import { z } from "zod";
import { userRoute } from "@/lib/api/route";
import { recommendTiers } from "@/lib/dashboard/tier-recommendation";
import { AppError } from "@/lib/errors/app-error";

export const dynamic = "force-dynamic";

const schema = z.object({ params: z.object({ resellerId: z.uuid("Not a reseller id.") }) });

/** Read-only, for the back office: a reseller's last closed months rated on every orderable tier. */
export const GET = userRoute("admin:read", schema, async ({ params }, ctx) => {
  const recommendation = await recommendTiers(ctx.db, params.resellerId, ctx.today);
  if (!recommendation) throw new AppError("not_found", "No such reseller, or it has no contract.");
  return recommendation;
});
