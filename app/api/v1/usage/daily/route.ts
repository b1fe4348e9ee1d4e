import { dailyUsage } from "@/lib/api/v1/resources/usage";

export const dynamic = "force-dynamic";

export const GET = dailyUsage.handle;
