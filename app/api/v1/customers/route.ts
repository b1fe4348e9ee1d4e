import { listCustomersOp } from "@/lib/api/v1/resources/customers";

export const dynamic = "force-dynamic";

export const GET = listCustomersOp.handle;
