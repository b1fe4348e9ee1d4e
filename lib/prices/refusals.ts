import "server-only";
import { AppError } from "@/lib/errors/app-error";

type PgError = { code?: string; message?: string; constraint_name?: string; constraint?: string };

/** The PostgreSQL error under drizzle's wrapper (its `cause`), or the driver's own. */
function pgErrorOf(error: unknown): PgError | null {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e && typeof e === "object"; depth++) {
    const pg = e as PgError & { cause?: unknown };
    if (typeof pg.code === "string" && /^[0-9A-Z]{5}$/.test(pg.code)) return pg;
    e = pg.cause;
  }
  return null;
}

/**
 * The price-version guards of migration 0008 (SQLSTATE P0001) as what a finance user reads; a taken
 * effective month as a conflict. Anything else is returned unchanged (rethrow it).
 */
export function explainPriceRefusal(error: unknown): unknown {
  const pg = pgErrorOf(error);
  if (!pg) return error;
  const period = /\((\d{4}-\d{2})\)/.exec(pg.message ?? "")?.[1] ?? "an issued period";
  if (pg.code === "P0001" && /would re-price/.test(pg.message ?? "")) {
    return new AppError(
      "conflict",
      `Invoices for ${period} are issued: a new version must start after ${period}.`,
    );
  }
  if (pg.code === "P0001") {
    return new AppError("conflict", `This version priced issued invoices for ${period}; make a new version.`);
  }
  if (
    pg.code === "23505" &&
    (pg.constraint_name ?? pg.constraint) === "price_versions_effective_from_unique"
  ) {
    return new AppError("conflict", "A version already starts that month; open it instead.");
  }
  return error;
}

/** Runs `fn`, turning the database's price-book refusals into AppErrors. */
export async function withPriceGuards<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw explainPriceRefusal(error);
  }
}
