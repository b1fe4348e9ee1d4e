import { ExportLink } from "@/components/lists/export-link";
import { MembersSection } from "@/components/teams/members-section";
import { roleOptions } from "@/components/teams/roles";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext, requireResellerScope } from "@/lib/actions/context";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";
import { rolesFor } from "@/lib/teams";
import { listMemberPage, memberListSpec } from "@/lib/teams/member-list";
import { inviteTeamMemberAction, teamMemberAction } from "./actions";

export const metadata = { title: "Team" };

/** The reseller's own users; only an owner opens it (the navigation shows it to owners only, too). */
export default async function TeamPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext("portal:manage", "/portal/team");
  const scope = { resellerId: requireResellerScope(ctx) };
  const params = parseListParams(memberListSpec, await searchParams);
  const page = await listMemberPage(ctx.db, scope, params);
  const links = listLinks("/portal/team", memberListSpec, params, page);
  const roles = roleOptions(rolesFor(scope));
  return (
    <>
      <PageHeader
        title="Team"
        description="Who signs in to your portal, with what role. There is always at least one owner."
        action={<ExportLink links={links} noun="member" />}
      />
      <MembersSection
        invite={{ action: inviteTeamMemberAction, defaultRole: "viewer" }}
        links={links}
        params={params}
        page={page}
        selfId={ctx.user.id}
        now={ctx.now}
        action={teamMemberAction}
        roles={roles}
        ownerRole="owner"
        canManage
        caption="Team members"
        soloText="Only you so far. Invite colleagues above: each signs in with their own password."
        resetNote="they then sign in with their password alone and can set two-factor sign-in up again under Sign-in security."
      />
    </>
  );
}
