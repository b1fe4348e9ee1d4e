import { ExportLink } from "@/components/lists/export-link";
import { MembersSection } from "@/components/teams/members-section";
import { roleOptions } from "@/components/teams/roles";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/actions/context";
import { can } from "@/lib/auth/permissions";
import { staffTwoFactorRequired } from "@/lib/auth/two-factor";
import { parseListParams, type SearchParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";
import { rolesFor } from "@/lib/teams";
import { listMemberPage, memberListSpec } from "@/lib/teams/member-list";
import { inviteStaffAction, staffMemberAction } from "./actions";

export const metadata = { title: "Staff" };

const staff = { resellerId: null };

/** The distributor's staff: every back-office user reads the list, only an administrator changes it. */
export default async function StaffPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await pageContext("admin:read", "/admin/staff");
  const canManage = can(ctx.user.role, "admin:write");
  const params = parseListParams(memberListSpec, await searchParams);
  const [page, required] = await Promise.all([
    listMemberPage(ctx.db, staff, params),
    staffTwoFactorRequired(ctx.db),
  ]);
  const links = listLinks("/admin/staff", memberListSpec, params, page);
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
        action={<ExportLink links={links} noun="staff member" />}
      />
      <MembersSection
        invite={canManage ? { action: inviteStaffAction, defaultRole: "support" } : null}
        links={links}
        params={params}
        page={page}
        selfId={ctx.user.id}
        now={ctx.now}
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
    </>
  );
}
