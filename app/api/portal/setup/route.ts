import { z } from "zod";
import { requireResellerScope } from "@/lib/actions/context";
import { userRoute } from "@/lib/api/route";
import { getSetupStatus } from "@/lib/signup";

export const dynamic = "force-dynamic";

/** The signed-in reseller's own getting-started status; the page polls it while provisioning runs. */
export const GET = userRoute("portal:read", z.object({}), (_input, ctx) =>
  getSetupStatus(ctx.db, requireResellerScope(ctx)),
);
