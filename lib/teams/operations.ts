import "server-only";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/audit";
import { roleLabels } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import type { MailContext } from "./invitation-email";
import { cancelInvitation, resendInvitation } from "./invite";
import { changeRole, removeMember, transferOwnership } from "./manage";
import { resetTwoFactor } from "./reset-two-factor";
import type { TeamOperation } from "./schema";
import { ownerRoleOf, type TeamScope } from "./scope";

/** What the team table shows after a change, and whose row it was. */
export type TeamOperationResult = { op: TeamOperation["op"]; userId: string; message: string };

/** Runs one change from the team table (portal or back office) and says what happened, in words. */
export async function runTeamOperation(
  db: Db,
  scope: TeamScope,
  input: TeamOperation,
  actor: Actor,
  now: Date,
  mail: MailContext,
): Promise<TeamOperationResult> {
  const done = (message: string): TeamOperationResult => ({ op: input.op, userId: input.userId, message });
  switch (input.op) {
    case "resend": {
      const { email, expiresAt } = await resendInvitation(db, scope, input, actor, now, mail);
      return done(`A new invitation is on its way to ${email}; it works until ${formatDateTime(expiresAt)}.`);
    }
    case "cancel": {
      const { email } = await cancelInvitation(db, scope, input, actor, now);
      return done(`The invitation to ${email} was withdrawn; its link no longer works.`);
    }
    case "remove": {
      const { name } = await removeMember(db, scope, input, actor, now);
      return done(`${name} was removed and signed out everywhere.`);
    }
    case "role": {
      const { name, changed } = await changeRole(db, scope, input, actor, now);
      return done(
        changed
          ? `${name} is now ${roleLabels[input.role]}.`
          : `${name} already is ${roleLabels[input.role]}.`,
      );
    }
    case "transfer": {
      const { name } = await transferOwnership(db, scope, input, actor, now);
      return done(`${name} is now ${roleLabels[ownerRoleOf(scope)]}; you are ${roleLabels[input.newRole]}.`);
    }
    case "reset_two_factor": {
      const { name, mustEnrolAgain } = await resetTwoFactor(db, scope, input.userId, actor, now);
      return done(
        `${name}'s two-factor sign-in was reset and they were signed out everywhere. They sign in with their password alone${mustEnrolAgain ? ", then must set up two-factor sign-in again" : ""}.`,
      );
    }
  }
}
