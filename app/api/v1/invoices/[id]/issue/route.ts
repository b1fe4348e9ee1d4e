import { issueDraftInvoice } from "@/lib/api/v1/resources/invoices";

export const dynamic = "force-dynamic";

export const POST = issueDraftInvoice.handle;
