import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/v1/openapi";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 description of /api/v1 (public: it describes, it reveals no data). */
export function GET() {
  return NextResponse.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
