"use server";
import { publicAction } from "@/lib/actions/safe-action";
import { acceptInvitation, acceptInvitationSchema } from "@/lib/teams";

/** Accepts a team invitation: the link's token sets the password; the page then offers to sign in. */
export const acceptInvitationAction = publicAction(
  acceptInvitationSchema,
  async (input, ctx) => acceptInvitation(ctx.db, input, ctx.now),
  { message: (d) => `Welcome to ${d.company}. Your password is set: sign in with ${d.email}.` },
);
