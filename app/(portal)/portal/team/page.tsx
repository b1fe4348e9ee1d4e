import { InviteForm } from "@/components/teams/invite-form";
import { MembersTable } from "@/components/teams/members-table";
import { roleOptions } from "@/components/teams/roles";
import { memberRows } from "@/components/teams/rows";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext, requireResellerScope } from "@/lib/actions/context";
import { listMembers, rolesFor, TEAM_INVITATION_TTL_HOURS } from "@/lib/teams";
import { inviteTeamMemberAction, teamMemberAction } from "./actions";

export const metadata = { title: "Team" };

/** The reseller's own users; only an owner opens it (the navigation shows it to owners only, too). */
export default async function TeamPage() {
  const ctx = await pageContext("portal:manage", "/portal/team");
  const scope = { resellerId: requireResellerScope(ctx) };
  const members = await listMembers(ctx.db, scope);
  const roles = roleOptions(rolesFor(scope));
  return (
    <>
      <PageHeader
        title="Team"
        description="Who signs in to your portal, with what role. There is always at least one owner."
      />
      <Card>
        <CardHeader
          title="Invite a colleague"
          description={`They get an email with a link to choose their password; it works once, for ${TEAM_INVITATION_TTL_HOURS / 24} days.`}
        />
        <CardBody>
          <InviteForm action={inviteTeamMemberAction} roles={roles} defaultRole="viewer" />
        </CardBody>
      </Card>
      <Card className="mt-6">
        <CardHeader title="Members" description="Removed members keep their history in the audit log." />
        <MembersTable
          members={memberRows(members, ctx.user.id, ctx.now)}
          action={teamMemberAction}
          roles={roles}
          ownerRole="owner"
          canManage
          caption="Team members"
          soloText="Only you so far. Invite colleagues above: each signs in with their own password."
          resetNote="they then sign in with their password alone and can set two-factor sign-in up again under Sign-in security."
        />
      </Card>
    </>
  );
}
