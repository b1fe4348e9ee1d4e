"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireResellerScope } from "@/lib/actions/context";
import { userAction } from "@/lib/actions/safe-action";
import { formatDateTime } from "@/lib/format";
import { appOrigin } from "@/lib/http/origin";
import { inviteMember, inviteMemberSchema, runTeamOperation, teamOperationSchema } from "@/lib/teams";

// The caller's own reseller is the team: a user id of another reseller is "not found" (lib/teams/scope).

export const inviteTeamMemberAction = userAction(
  "portal:manage",
  inviteMemberSchema,
  async (input, ctx) => {
    const scope = { resellerId: requireResellerScope(ctx) };
    const invited = await inviteMember(ctx.db, scope, input, ctx.audit, ctx.now, { appUrl: appOrigin() });
    revalidatePath("/portal/team");
    return { email: input.email, expiresAt: formatDateTime(invited.expiresAt), resent: invited.resent };
  },
  {
    message: (d) =>
      `${d.resent ? "A new invitation" : "An invitation"} is on its way to ${d.email}; it works until ${d.expiresAt}.`,
  },
);

export const teamMemberAction = userAction(
  "portal:manage",
  teamOperationSchema,
  async (input, ctx) => {
    const scope = { resellerId: requireResellerScope(ctx) };
    const result = await runTeamOperation(ctx.db, scope, input, ctx.audit, ctx.now, { appUrl: appOrigin() });
    // Handing ownership over ends the caller's access to this page.
    if (input.op === "transfer") redirect("/portal");
    revalidatePath("/portal/team");
    return result;
  },
  { message: (d) => d.message },
);
