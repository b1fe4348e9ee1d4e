import { createCreditNoteOperation, listCreditNotes } from "@/lib/api/v1/resources/credit-notes";

export const dynamic = "force-dynamic";

export const GET = listCreditNotes.handle;
export const POST = createCreditNoteOperation.handle;
