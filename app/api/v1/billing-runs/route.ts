import { listBillingRuns, startBillingRun } from "@/lib/api/v1/resources/billing-runs";

export const dynamic = "force-dynamic";

export const GET = listBillingRuns.handle;
export const POST = startBillingRun.handle;
