import { AppError } from "@/lib/errors/app-error";
import type { TeamScope } from "./scope";

/**
 * The constraint name of a `check_violation` (23514) anywhere in drizzle's cause chain, or null. Migration
 * 0010's deferred trigger raises it at commit with `users_keep_an_owner` (a reseller) or
 * `users_keep_an_admin` (the distributor).
 */
function checkViolation(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const pg = e as { code?: string; constraint_name?: string; constraint?: string; cause?: unknown };
    if (pg.code === "23514") return pg.constraint_name ?? pg.constraint ?? "";
    e = pg.cause;
  }
  return null;
}

/**
 * The database keeps an enabled owner per reseller and an enabled administrator for the distributor; its
 * refusal becomes a conflict that says what to do instead. Anything else is rethrown as it is.
 */
export function keepAnOwnerError(error: unknown, scope: TeamScope): unknown {
  const constraint = checkViolation(error);
  if (constraint === "users_keep_an_owner" || constraint === "users_keep_an_admin") {
    return new AppError(
      "conflict",
      scope.resellerId
        ? "The company must keep at least one active owner. Make someone else owner first (or transfer ownership)."
        : "The distributor must keep at least one active administrator. Make someone else an administrator first.",
    );
  }
  return error;
}
