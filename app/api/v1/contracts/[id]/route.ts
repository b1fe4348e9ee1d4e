import { getContract } from "@/lib/api/v1/resources/contracts";

export const dynamic = "force-dynamic";

export const GET = getContract.handle;
