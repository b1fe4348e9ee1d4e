import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getMigrationState, type MigrationState } from "@/db/migrate";

export type DatabaseProbe =
  | { reachable: true; engine: "pglite" | "postgresql"; migrations: MigrationState }
  | { reachable: false; engine: "pglite" | "postgresql"; errorCode: string | null };

export type HealthPayload = {
  status: "ok" | "error";
  version: string;
  /** Only for a distributor admin or the HEALTH_TOKEN bearer: engine and migrations, never a server version. */
  database?:
    | { engine: string; reachable: true; migrations: MigrationState }
    | { engine: string; reachable: false; errorCode: string | null };
};

/**
 * What a driver error may say about itself: a SQLSTATE (`57P01`) or a system code (`ECONNREFUSED`). Never
 * the message, which can hold SQL text, parameters or a host name.
 */
export function errorCodeOf(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z0-9_]{1,32}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/** Is the database reachable and fully migrated? Catches everything: the answer is data, not an error. */
export async function probeDatabase(
  getDb: () => Db,
  engine: "pglite" | "postgresql",
): Promise<DatabaseProbe> {
  try {
    const db = getDb();
    await db.execute(sql`select 1`);
    return { reachable: true, engine, migrations: await getMigrationState(db) };
  } catch (error) {
    return { reachable: false, engine, errorCode: errorCodeOf(error) };
  }
}

/** The public answer is status and version only; the details need `isDetailed`. */
export function healthPayload(probe: DatabaseProbe, version: string, isDetailed: boolean): HealthPayload {
  const status = probe.reachable && probe.migrations.upToDate ? "ok" : "error";
  if (!isDetailed) return { status, version };
  const database = probe.reachable
    ? { engine: probe.engine, reachable: true as const, migrations: probe.migrations }
    : { engine: probe.engine, reachable: false as const, errorCode: probe.errorCode };
  return { status, version, database };
}

/** `Authorization: Bearer <HEALTH_TOKEN>`, compared in constant time (digests of equal length). */
export function hasHealthToken(authorization: string | null, expected: string | undefined): boolean {
  if (!expected || !authorization) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) return false;
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(match[1]), digest(expected));
}
