import { and, eq, isNull, type SQL } from "drizzle-orm";
import { users } from "@/db/schema";
import { distributorRoles, type Role, resellerRoles, roleLabels } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";

/** Whose team: a reseller's (its id) or the distributor's staff (null). */
export type TeamScope = { resellerId: string | null };

/** The users of the team; a user of another reseller (or staff for a reseller) is never in it. */
export function inTeam(scope: TeamScope): SQL {
  return scope.resellerId ? eq(users.resellerId, scope.resellerId) : isNull(users.resellerId);
}

export function memberOf(scope: TeamScope, userId: string): SQL {
  return and(eq(users.id, userId), inTeam(scope))!;
}

/** The roles a team of this side hands out, in the order forms list them. */
export function rolesFor(scope: TeamScope): readonly Role[] {
  return scope.resellerId ? resellerRoles : distributorRoles;
}

/** The role that must always be held by someone enabled (migration 0010's `users_keep_an_owner`). */
export function ownerRoleOf(scope: TeamScope): Role {
  return scope.resellerId ? "owner" : "admin";
}

/** The role, or a field error naming the roles this side offers. */
export function requireRoleFor(scope: TeamScope, role: Role, field: string): Role {
  const roles = rolesFor(scope);
  if (!roles.includes(role)) {
    throw new AppError("validation", "Check the highlighted fields.", {
      [field]: [`Choose ${roles.map((r) => roleLabels[r]).join(", ")}.`],
    });
  }
  return role;
}
