import { sql } from "drizzle-orm";
import { NextResponse } from "next/server";
import { getDb } from "@/db/client";
import { getMigrationState } from "@/db/migrate";
import pkg from "@/package.json";

export const dynamic = "force-dynamic";

/** Liveness and readiness: database engine, migration state and app version. No secrets. */
export async function GET() {
  try {
    const db = getDb();
    const [row] = await db.execute<{ version: string }>(sql`select version() as version`);
    const versionText = row?.version ?? "";
    const engine = process.env.TIERLINE_DB_ENGINE === "pglite" ? "pglite" : "postgresql";
    const migrations = await getMigrationState(db);
    return NextResponse.json(
      {
        status: migrations.upToDate ? "ok" : "degraded",
        version: pkg.version,
        database: { engine, serverVersion: versionText.split(" on ")[0], migrations },
      },
      { status: migrations.upToDate ? 200 : 503 },
    );
  } catch (error) {
    return NextResponse.json(
      {
        status: "error",
        version: pkg.version,
        database: { error: error instanceof Error ? error.message : "unreachable" },
      },
      { status: 503 },
    );
  }
}
