import { portalScope, usageRoutes } from "@/lib/dashboard/routes";

export const dynamic = "force-dynamic";

/** The signed-in reseller's own usage (daily); see lib/dashboard/routes.ts. */
export const GET = usageRoutes(portalScope).daily;
