"use server";
import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/actions/safe-action";
import { formatDateTime } from "@/lib/format";
import { appOrigin } from "@/lib/http/origin";
import { inviteMember, inviteMemberSchema, runTeamOperation, teamOperationSchema } from "@/lib/teams";

/** The distributor's staff: users without a reseller. Only an administrator changes them. */
const staff = { resellerId: null };

export const inviteStaffAction = userAction(
  "admin:write",
  inviteMemberSchema,
  async (input, ctx) => {
    const invited = await inviteMember(ctx.db, staff, input, ctx.audit, ctx.now, { appUrl: appOrigin() });
    revalidatePath("/admin/staff");
    return { email: input.email, expiresAt: formatDateTime(invited.expiresAt), resent: invited.resent };
  },
  {
    message: (d) =>
      `${d.resent ? "A new invitation" : "An invitation"} is on its way to ${d.email}; it works until ${d.expiresAt}.`,
  },
);

export const staffMemberAction = userAction(
  "admin:write",
  teamOperationSchema,
  async (input, ctx) => {
    const result = await runTeamOperation(ctx.db, staff, input, ctx.audit, ctx.now, { appUrl: appOrigin() });
    revalidatePath("/admin/staff");
    return result;
  },
  { message: (d) => d.message },
);
