import { adminScope, usageRoutes } from "@/lib/dashboard/routes";

export const dynamic = "force-dynamic";

/** One customer of a reseller, as the back office reads it (admin:read). */
export const GET = usageRoutes(adminScope).customer;
