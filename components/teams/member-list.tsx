import { ListEmpty } from "@/components/lists/list-empty";
import { ListFilterBar } from "@/components/lists/list-filter-bar";
import { ListPager } from "@/components/lists/list-pager";
import { SortHeader } from "@/components/lists/sort-header";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Th } from "@/components/ui/table";
import type { FormAction } from "@/lib/actions/safe-action";
import type { ListPage } from "@/lib/lists/run";
import type { ListLinks } from "@/lib/lists/url";
import type { MemberListParams } from "@/lib/teams/member-list";
import type { MemberStatus, MemberView } from "@/lib/teams/members";
import { MembersTable } from "./members-table";
import type { RoleOption } from "./roles";
import { memberRows } from "./rows";

const statusLabels: Record<MemberStatus, string> = {
  active: "Active",
  invited: "Invited",
  disabled: "Removed",
};

/**
 * A team's members as a list (issue 16): search by name or email, role and status filters, sortable name,
 * email and last sign-in, pages and a count, under the same row actions as before. Pending invitations are
 * members with the status Invited; "Invited" in the status filter shows only them.
 */
export function MemberList({
  links,
  params,
  page,
  selfId,
  now,
  action,
  roles,
  ownerRole,
  canManage,
  caption,
  soloText,
  resetNote,
}: {
  links: ListLinks;
  params: MemberListParams;
  page: ListPage<MemberView>;
  selfId: string;
  now: Date;
  action: FormAction<unknown>;
  roles: RoleOption[];
  ownerRole: string;
  canManage: boolean;
  caption: string;
  soloText: string;
  resetNote: string;
}) {
  const members = memberRows(page.rows, selfId, now);
  const solo =
    !links.isFiltered &&
    !links.isPaged &&
    page.count.value === 1 &&
    members.length === 1 &&
    members[0]!.isSelf;
  return (
    <div>
      <ListFilterBar
        links={links}
        search={{ label: "Search members", hint: "Name or email." }}
        values={{ q: params.q, ...params.filters }}
        errors={params.errors}
        fields={[
          // Not "Role": the invite form above has a field of that name.
          { kind: "select", name: "role", label: "Member role", options: roles },
          {
            kind: "select",
            name: "status",
            label: "Status",
            options: Object.entries(statusLabels).map(([value, label]) => ({ value, label })),
          },
        ]}
      />
      <Card>
        <CardHeader title="Members" description="Removed members keep their history in the audit log." />
        <MembersTable
          members={members}
          action={action}
          roles={roles}
          ownerRole={ownerRole}
          canManage={canManage}
          caption={caption}
          header={
            <tr>
              <SortHeader links={links} sort="name">
                Name
              </SortHeader>
              <SortHeader links={links} sort="email">
                Email
              </SortHeader>
              <Th>Role</Th>
              <Th>Status</Th>
              <Th>Two-factor</Th>
              <SortHeader links={links} sort="last_sign_in">
                Last sign-in
              </SortHeader>
              {canManage && <Th>Actions</Th>}
            </tr>
          }
          empty={
            <ListEmpty links={links} noun="members">
              <EmptyState title="No one here yet">{soloText}</EmptyState>
            </ListEmpty>
          }
          solo={solo}
          soloText={soloText}
          resetNote={resetNote}
        />
        <ListPager
          links={links}
          count={page.count}
          noun={{ one: "member", other: "members" }}
          size={params.size}
        />
      </Card>
    </div>
  );
}
