import { adminScope, usageRoutes } from "@/lib/dashboard/routes";

export const dynamic = "force-dynamic";

/** A reseller's usage (summary) as the back office reads it (admin:read); see lib/dashboard/routes.ts. */
export const GET = usageRoutes(adminScope).summary;
