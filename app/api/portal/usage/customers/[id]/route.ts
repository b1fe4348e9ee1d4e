import { portalScope, usageRoutes } from "@/lib/dashboard/routes";

export const dynamic = "force-dynamic";

/** One of the signed-in reseller's customers; another reseller's customer is 404. */
export const GET = usageRoutes(portalScope).customer;
