import "server-only";
import { and, count, eq, inArray, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { distributorSettings, users } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { distributorRoles, isDistributorRole, type Role } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { isTwoFactorAvailable, UNAVAILABLE_MESSAGE } from "./secret-store";

/**
 * Whether a signed-in user must enrol before anything else: distributor staff without two-factor sign-in
 * when the distributor requires it. Reseller users are never forced (their distributor cannot decide it).
 */
export function mustEnrolTwoFactor(
  user: { role: Role; twoFactorEnabled: boolean },
  requireStaffTwoFactor: boolean,
): boolean {
  return requireStaffTwoFactor && isDistributorRole(user.role) && !user.twoFactorEnabled;
}

/** Whether the distributor requires two-factor sign-in of its staff (/admin/settings). */
export async function staffTwoFactorRequired(db: DbOrTx): Promise<boolean> {
  const [row] = await db
    .select({ on: distributorSettings.requireStaffTwoFactor })
    .from(distributorSettings)
    .where(eq(distributorSettings.id, 1));
  return row?.on ?? false;
}

/** Active staff without two-factor sign-in (the confirm step says who will be sent to enrol). */
export async function staffWithoutTwoFactor(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(
      and(inArray(users.role, [...distributorRoles]), isNull(users.totpEnabledAt), isNull(users.disabledAt)),
    );
  return row?.n ?? 0;
}

/** Turns the staff requirement on or off; audited. Turning it on needs a place to keep secrets. */
export async function setStaffTwoFactorRequirement(db: Db, actor: Actor, on: boolean): Promise<boolean> {
  if (on && !isTwoFactorAvailable()) throw new AppError("conflict", UNAVAILABLE_MESSAGE);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ on: distributorSettings.requireStaffTwoFactor })
      .from(distributorSettings)
      .where(eq(distributorSettings.id, 1))
      .for("update");
    if (!before) throw new AppError("internal", "The distributor settings are missing: run the seed.");
    if (before.on === on) return false;
    await tx
      .update(distributorSettings)
      .set({ requireStaffTwoFactor: on, updatedAt: new Date() })
      .where(eq(distributorSettings.id, 1));
    await writeAudit(tx, actor, {
      action: "settings.staff_two_factor_changed",
      entityType: "settings",
      data: { before: { requireStaffTwoFactor: before.on }, after: { requireStaffTwoFactor: on } },
    });
    return true;
  });
}
