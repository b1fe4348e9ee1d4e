import { z } from "zod";
import { distributorRoles, type Role, resellerRoles } from "@/lib/auth/permissions";
import { singleLine } from "@/lib/validation/text";

/** Every role a team member can hold; the service checks it belongs to the team's side (lib/teams/scope). */
const allRoles = [...resellerRoles, ...distributorRoles] as const;
const role = z.enum(allRoles, { error: "Choose a role." });
const userId = z.uuid({ error: "Choose a member." });

export const inviteMemberSchema = z.object({
  email: z
    .string({ error: "Enter the email to invite." })
    .trim()
    .toLowerCase()
    .max(200, "Keep the email under 200 characters.")
    .pipe(z.email("Enter a valid email address.")),
  name: singleLine({
    max: 120,
    requiredMessage: "Enter the person's name.",
    maxMessage: "Keep the name under 120 characters.",
  }),
  role,
});
export type InviteMemberInput = z.infer<typeof inviteMemberSchema>;

export const memberSchema = z.object({ userId });
export type MemberInput = z.infer<typeof memberSchema>;

export const changeRoleSchema = z.object({ userId, role });
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;

/** The new owner (or administrator), and the role the one handing over keeps. */
export const transferOwnershipSchema = z.object({ userId, newRole: role });
export type TransferOwnershipInput = z.infer<typeof transferOwnershipSchema>;

/**
 * One change to a member from the team table, named by `op` (a hidden field of each row's form), so one
 * form state serves every row and its message shows in one place.
 */
export const teamOperationSchema = z.discriminatedUnion(
  "op",
  [
    z.object({ op: z.literal("resend"), userId }),
    z.object({ op: z.literal("cancel"), userId }),
    z.object({ op: z.literal("remove"), userId }),
    z.object({ op: z.literal("role"), userId, role }),
    z.object({ op: z.literal("transfer"), userId, newRole: role }),
    z.object({ op: z.literal("reset_two_factor"), userId }),
  ],
  { error: "This form could not be read. Reload the page and try again." },
);
export type TeamOperation = z.infer<typeof teamOperationSchema>;

export type { Role };
