import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import pkg from "@/package.json";
import { hasHealthToken, healthPayload, probeDatabase } from "./health";

export const dynamic = "force-dynamic";

/** The database details are for a distributor admin or a monitor holding HEALTH_TOKEN. */
async function mayReadDetails(request: Request): Promise<boolean> {
  if (hasHealthToken(request.headers.get("authorization"), env().HEALTH_TOKEN)) return true;
  try {
    return (await getCurrentUser())?.role === "admin";
  } catch {
    return false; // database down: no session can be checked
  }
}

/**
 * Liveness and readiness (Playwright waits on it): `{status, version}` for everyone, 200 when the database
 * answers and is fully migrated, else 503. No server version, no error text, ever.
 */
export async function GET(request: Request) {
  const engine = env().TIERLINE_DB_ENGINE === "pglite" ? "pglite" : "postgresql";
  const probe = await probeDatabase(getDb, engine);
  const payload = healthPayload(probe, pkg.version, await mayReadDetails(request));
  return NextResponse.json(payload, {
    status: payload.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
