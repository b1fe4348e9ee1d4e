import { z } from "zod";
import { requireResellerScope } from "@/lib/actions/context";
import { userRoute } from "@/lib/api/route";
import { previewTierChanges } from "@/lib/dashboard/tiers";
import { AppError } from "@/lib/errors/app-error";

export const dynamic = "force-dynamic";

/** What each tier change allowed now would cost the signed-in reseller (its own contract only). */
export const GET = userRoute("portal:read", z.object({}), async (_input, ctx) => {
  const preview = await previewTierChanges(ctx.db, requireResellerScope(ctx), ctx.today);
  if (!preview) throw new AppError("not_found", "You have no contract yet.");
  return preview;
});
