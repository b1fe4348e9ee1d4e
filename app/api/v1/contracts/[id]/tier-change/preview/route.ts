import { previewTierChange } from "@/lib/api/v1/resources/contracts";

export const dynamic = "force-dynamic";

export const POST = previewTierChange.handle;
