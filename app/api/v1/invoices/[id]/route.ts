import { getInvoice } from "@/lib/api/v1/resources/invoices";

export const dynamic = "force-dynamic";

export const GET = getInvoice.handle;
