import "server-only";
import { AppError } from "@/lib/errors/app-error";

type PgError = { code?: string; message?: string; constraint_name?: string; constraint?: string };

/** The PostgreSQL error under drizzle's wrapper (its `cause`), or the driver's own error. */
function pgErrorOf(error: unknown): PgError | null {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === "object"; depth++) {
    const pg = e as PgError & { cause?: unknown };
    if (typeof pg.code === "string" && /^[0-9A-Z]{5}$/.test(pg.code)) return pg;
    e = pg.cause;
  }
  return null;
}

/**
 * Turns the database's own refusals into what the admin reads: the price-version guards of migration 0008
 * (SQLSTATE P0001, "price version from … priced issued invoices") and unique violations.
 */
export function explainRefusal(error: unknown, unique?: Record<string, AppError>): unknown {
  const pg = pgErrorOf(error);
  if (!pg) return error;
  if (pg.code === "P0001") {
    return new AppError(
      "conflict",
      `The price book refused this change: ${pg.message ?? "a locked price version"}. A version that priced issued invoices never changes; prepare a new price version in the price book first.`,
    );
  }
  if (pg.code === "23505") {
    const constraint = pg.constraint_name ?? pg.constraint ?? "";
    return unique?.[constraint] ?? new AppError("conflict", "This already exists; reload and try again.");
  }
  return error;
}
