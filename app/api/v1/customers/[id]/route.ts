import { getCustomer } from "@/lib/api/v1/resources/customers";

export const dynamic = "force-dynamic";

export const GET = getCustomer.handle;
