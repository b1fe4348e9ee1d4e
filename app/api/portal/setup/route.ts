import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { errorResponse } from "@/lib/api/errors";
import { requireUser, resellerIdOf } from "@/lib/auth/guard";
import { getSetupStatus } from "@/lib/signup";

export const dynamic = "force-dynamic";

/** The signed-in reseller's own getting-started status; the page polls it while provisioning runs. */
export async function GET() {
  try {
    const user = await requireUser("portal:read");
    const status = await getSetupStatus(getDb(), resellerIdOf(user));
    return NextResponse.json(status, { headers: { "cache-control": "private, no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
