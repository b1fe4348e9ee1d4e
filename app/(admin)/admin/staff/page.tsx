import { InviteForm } from "@/components/teams/invite-form";
import { MembersTable } from "@/components/teams/members-table";
import { roleOptions } from "@/components/teams/roles";
import { memberRows } from "@/components/teams/rows";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { can } from "@/lib/auth/permissions";
import { staffTwoFactorRequired } from "@/lib/auth/two-factor";
import { listMembers, rolesFor, TEAM_INVITATION_TTL_HOURS } from "@/lib/teams";
import { inviteStaffAction, staffMemberAction } from "./actions";

export const metadata = { title: "Staff" };

const staff = { resellerId: null };

/** The distributor's staff: every back-office user reads the list, only an administrator changes it. */
export default async function StaffPage() {
  const ctx = await pageContext("admin:read", "/admin/staff");
  const canManage = can(ctx.user.role, "admin:write");
  const [members, required] = await Promise.all([listMembers(ctx.db, staff), staffTwoFactorRequired(ctx.db)]);
  const roles = roleOptions(rolesFor(staff));
  return (
    <>
      <PageHeader
        title="Staff"
        description={
          canManage
            ? "Who works in the back office, with what role. There is always at least one administrator."
            : "Who works in the back office, with what role. Only an administrator changes staff."
        }
      />
      {canManage && (
        <Card className="mb-6">
          <CardHeader
            title="Invite a colleague"
            description={`They get an email with a link to choose their password; it works once, for ${TEAM_INVITATION_TTL_HOURS / 24} days.`}
          />
          <CardBody>
            <InviteForm action={inviteStaffAction} roles={roles} defaultRole="support" />
          </CardBody>
        </Card>
      )}
      <Card>
        <CardHeader title="Members" description="Removed members keep their history in the audit log." />
        <MembersTable
          members={memberRows(members, ctx.user.id, ctx.now)}
          action={staffMemberAction}
          roles={roles}
          ownerRole="admin"
          canManage={canManage}
          caption="Staff members"
          soloText={
            canManage
              ? "Only you so far. Invite colleagues above: each signs in with their own password."
              : "Only one account so far."
          }
          resetNote={
            required
              ? "they then sign in with their password and must set up two-factor sign-in again before anything else (staff need it here)."
              : "they then sign in with their password alone and can set two-factor sign-in up again under Sign-in security."
          }
        />
      </Card>
    </>
  );
}
