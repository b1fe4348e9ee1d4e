import { roleLabels } from "@/lib/auth/permissions";
import { formatDate, formatDateTime } from "@/lib/format";
import type { MemberView } from "@/lib/teams/members";
import type { MemberRowView } from "./members-table";

/** The members as the table shows them, dates formatted on the server (one clock, one locale). */
export function memberRows(members: MemberView[], selfId: string, now: Date): MemberRowView[] {
  return members.map((m) => {
    const expires = m.invitationExpiresAt;
    const expired = m.status === "invited" && (!expires || expires <= now);
    const sent = `Sent ${formatDate(m.invitedAt)}`;
    const statusDetail =
      m.status === "invited"
        ? expires && !expired
          ? `${sent} · expires ${formatDateTime(expires)}`
          : `${sent} · link expired: resend it`
        : m.status === "disabled"
          ? `Removed ${formatDate(m.disabledAt)}`
          : null;
    return {
      id: m.id,
      name: m.name,
      email: m.email,
      role: m.role,
      roleLabel: roleLabels[m.role],
      status: m.status,
      statusDetail,
      expired,
      lastSignIn: m.lastSignInAt ? formatDateTime(m.lastSignInAt) : "Never",
      isSelf: m.id === selfId,
      twoFactor: m.twoFactorEnabled,
    };
  });
}
