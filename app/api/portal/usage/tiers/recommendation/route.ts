import { z } from "zod";
import { requireResellerScope } from "@/lib/actions/context";
import { userRoute } from "@/lib/api/route";
import { recommendTiers } from "@/lib/dashboard/tier-recommendation";
import { AppError } from "@/lib/errors/app-error";

export const dynamic = "force-dynamic";

/** The signed-in reseller's last closed months rated on every orderable tier, cheapest first. */
export const GET = userRoute("portal:read", z.object({}), async (_input, ctx) => {
  const recommendation = await recommendTiers(ctx.db, requireResellerScope(ctx), ctx.today);
  if (!recommendation) throw new AppError("not_found", "You have no contract yet.");
  return recommendation;
});
