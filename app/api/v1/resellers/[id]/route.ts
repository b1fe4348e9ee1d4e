import { getReseller, updateReseller } from "@/lib/api/v1/resources/resellers";

export const dynamic = "force-dynamic";

export const GET = getReseller.handle;
export const PATCH = updateReseller.handle;
