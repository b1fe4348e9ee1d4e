import type { ComponentProps } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { FormAction } from "@/lib/actions/safe-action";
import { TEAM_INVITATION_TTL_HOURS } from "@/lib/teams";
import { InviteForm } from "./invite-form";
import { MemberList } from "./member-list";

/**
 * The body of /portal/team and /admin/staff: the invitation form in its card (for whoever manages the
 * team; `invite` is null for the others), then the members list with the same roles.
 */
export function MembersSection({
  invite,
  ...list
}: { invite: { action: FormAction<unknown>; defaultRole: string } | null } & ComponentProps<
  typeof MemberList
>) {
  return (
    <div className="flex flex-col gap-6">
      {invite && (
        <Card>
          <CardHeader
            title="Invite a colleague"
            description={`They get an email with a link to choose their password; it works once, for ${TEAM_INVITATION_TTL_HOURS / 24} days.`}
          />
          <CardBody>
            <InviteForm action={invite.action} roles={list.roles} defaultRole={invite.defaultRole} />
          </CardBody>
        </Card>
      )}
      <MemberList {...list} />
    </div>
  );
}
