import { getBillingRun } from "@/lib/api/v1/resources/billing-runs";

export const dynamic = "force-dynamic";

export const GET = getBillingRun.handle;
