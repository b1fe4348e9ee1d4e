import { getCreditNote } from "@/lib/api/v1/resources/credit-notes";

export const dynamic = "force-dynamic";

export const GET = getCreditNote.handle;
