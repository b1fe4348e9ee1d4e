import { listContracts, orderContractOp } from "@/lib/api/v1/resources/contracts";

export const dynamic = "force-dynamic";

export const GET = listContracts.handle;
export const POST = orderContractOp.handle;
