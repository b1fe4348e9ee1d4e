import { voidIssuedInvoice } from "@/lib/api/v1/resources/invoices";

export const dynamic = "force-dynamic";

export const POST = voidIssuedInvoice.handle;
