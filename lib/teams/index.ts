export {
  type AcceptInvitationInput,
  acceptInvitation,
  acceptInvitationSchema,
  describeInvitation,
  INVITATION_UNUSABLE,
  type InvitationView,
} from "./accept";
export { type MailContext, TEAM_INVITATION_TTL_HOURS } from "./invitation-email";
export { cancelInvitation, type Invited, inviteMember, resendInvitation } from "./invite";
export { changeRole, removeMember, transferOwnership } from "./manage";
export { listMembers, type MemberStatus, type MemberView } from "./members";
export { runTeamOperation, type TeamOperationResult } from "./operations";
export { resetTwoFactor } from "./reset-two-factor";
export * from "./schema";
export { ownerRoleOf, rolesFor, type TeamScope } from "./scope";
