import { createResellerOp, listResellers } from "@/lib/api/v1/resources/resellers";

export const dynamic = "force-dynamic";

export const GET = listResellers.handle;
export const POST = createResellerOp.handle;
