"use client";
import { type ReactNode, useActionState, useId } from "react";
import { Badge } from "@/components/ui/badge";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, Td } from "@/components/ui/table";
import type { FormAction } from "@/lib/actions/safe-action";
import { MemberDialog } from "./member-dialog";
import type { RoleOption } from "./roles";

/** One member as the table shows it; dates arrive formatted from the server. */
export type MemberRowView = {
  id: string;
  name: string;
  email: string;
  role: string;
  roleLabel: string;
  status: "active" | "invited" | "disabled";
  /** "Sent Dec 1, 2026 · expires Dec 8, 2026 10:00 UTC", "Removed Dec 3, 2026", … */
  statusDetail: string | null;
  expired: boolean;
  lastSignIn: string;
  isSelf: boolean;
  /** Two-factor sign-in is on. */
  twoFactor: boolean;
};

const statusBadge = {
  active: <Badge tone="green">Active</Badge>,
  invited: <Badge tone="amber">Invited</Badge>,
  disabled: <Badge tone="neutral">Removed</Badge>,
};

/**
 * The team with its changes: role, resend or withdraw an invitation, remove, hand over the owner's role,
 * reset a lost two-factor sign-in (shown for members who have it on).
 * One form state serves every row (a hidden `op` names the change), so its outcome is announced above the
 * table even when the row itself goes away (a withdrawn invitation, a member who leaves the filter). The
 * header row (sortable columns) and the empty state come from the server page (components/lists).
 */
export function MembersTable({
  members,
  action,
  roles,
  ownerRole,
  canManage,
  caption,
  header,
  empty,
  solo,
  soloText,
  resetNote,
}: {
  members: MemberRowView[];
  action: FormAction<unknown>;
  roles: RoleOption[];
  ownerRole: string;
  canManage: boolean;
  caption: string;
  /** The header row: Name, Email, Role, Status, Two-factor, Last sign-in and, when managing, Actions. */
  header: ReactNode;
  /** What an empty page says (no member matches the filters, or a page past the end). */
  empty: ReactNode;
  /** The signed-in user is the whole team: say how to invite. */
  solo: boolean;
  soloText: string;
  /** What a reset of someone's two-factor sign-in leads to here (staff may have to set it up again). */
  resetNote: string;
}) {
  const [state, formAction] = useActionState(action, undefined);
  const ownerLabel = roles.find((r) => r.value === ownerRole)?.label ?? ownerRole;
  const keepRoles = roles.filter((r) => r.value !== ownerRole);
  const rowOp = (state?.values?.op ?? "") as string;
  // Errors of a dialog's change show in its dialog; the rest (resend) and every success show here.
  const announce = state?.ok || (state && rowOp === "resend") || (state && !state.values?.op);
  return (
    <>
      {announce && state?.message && (
        <div className="border-b border-slate-100 p-4">
          <FormMessage ok={state.ok} message={state.message} />
        </div>
      )}
      {members.length === 0 ? (
        empty
      ) : (
        <Table caption={caption}>
          <thead>{header}</thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((m) => (
              <tr key={m.id}>
                <Td className="font-medium text-slate-900">
                  {m.name}
                  {m.isSelf && <span className="ml-1 text-xs font-normal text-slate-500">(you)</span>}
                </Td>
                <Td>{m.email}</Td>
                <Td>{m.roleLabel}</Td>
                <Td>
                  <div className="flex flex-col items-start gap-0.5">
                    {statusBadge[m.status]}
                    {m.statusDetail && (
                      <span className={`text-xs ${m.expired ? "text-red-700" : "text-slate-500"}`}>
                        {m.statusDetail}
                      </span>
                    )}
                  </div>
                </Td>
                <Td>{m.twoFactor ? <Badge tone="green">On</Badge> : <Badge tone="neutral">Off</Badge>}</Td>
                <Td>{m.lastSignIn}</Td>
                {canManage && (
                  <Td>
                    <RowActions
                      member={m}
                      state={state}
                      formAction={formAction}
                      roles={roles}
                      keepRoles={keepRoles}
                      ownerRole={ownerRole}
                      ownerLabel={ownerLabel}
                      resetNote={resetNote}
                    />
                  </Td>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {solo && <p className="border-t border-slate-100 px-5 py-4 text-sm text-slate-500">{soloText}</p>}
    </>
  );
}

function RowActions({
  member: m,
  state,
  formAction,
  roles,
  keepRoles,
  ownerRole,
  ownerLabel,
  resetNote,
}: {
  member: MemberRowView;
  state: Parameters<typeof MemberDialog>[0]["state"];
  formAction: (form: FormData) => void;
  roles: RoleOption[];
  keepRoles: RoleOption[];
  ownerRole: string;
  ownerLabel: string;
  resetNote: string;
}) {
  if (m.isSelf)
    return (
      <span className="block min-w-48 whitespace-normal text-xs text-slate-500">
        {`To change your own role, use ${transferLabel(ownerRole)} on another member's row`}
      </span>
    );
  if (m.status === "disabled")
    return (
      <span className="block min-w-48 whitespace-normal text-xs text-slate-500">
        Invite the email again to bring them back
      </span>
    );
  return (
    <div className="flex flex-wrap gap-2">
      <MemberDialog
        op="role"
        userId={m.id}
        memberName={m.name}
        trigger="Change role"
        title={`Change ${m.name}'s role`}
        confirmLabel="Save role"
        state={state}
        formAction={formAction}
      >
        <RoleSelect name="role" label="New role" options={roles} defaultValue={m.role} />
        <p className="text-xs text-slate-500">The new role applies at once, also in open sessions.</p>
      </MemberDialog>
      {m.status === "invited" && (
        <>
          <form action={formAction}>
            <input type="hidden" name="op" value="resend" />
            <input type="hidden" name="userId" value={m.id} />
            <SubmitButton variant="secondary" pendingText="Sending…" className="px-3 py-1.5 text-xs">
              Resend invitation<span className="sr-only">: {m.name}</span>
            </SubmitButton>
          </form>
          <MemberDialog
            op="cancel"
            userId={m.id}
            memberName={m.name}
            trigger="Withdraw invitation"
            title={`Withdraw the invitation to ${m.name}?`}
            confirmLabel="Withdraw invitation"
            danger
            state={state}
            formAction={formAction}
          >
            <p>{`The link sent to ${m.email} stops working. You can invite the email again later.`}</p>
          </MemberDialog>
        </>
      )}
      {m.status === "active" && (
        <>
          <MemberDialog
            op="remove"
            userId={m.id}
            memberName={m.name}
            trigger="Remove"
            title={`Remove ${m.name}?`}
            confirmLabel={`Remove ${m.name}`}
            danger
            state={state}
            formAction={formAction}
          >
            <p>
              {`${m.name} (${m.email}) can no longer sign in and is signed out everywhere at once; the API keys they created are revoked. The account is kept, disabled, for the audit log; invite the email again to bring them back.`}
            </p>
          </MemberDialog>
          {m.twoFactor && (
            <MemberDialog
              op="reset_two_factor"
              userId={m.id}
              memberName={m.name}
              trigger="Reset two-factor"
              title={`Reset ${m.name}'s two-factor sign-in?`}
              confirmLabel="Reset two-factor"
              danger
              state={state}
              formAction={formAction}
            >
              <p>
                {`For a member who lost their phone and their recovery codes. ${m.name}'s authenticator key and recovery codes stop working, they are signed out everywhere and emailed about it; ${resetNote}`}
              </p>
              <p>
                Make sure it is really them asking (call them on a number you know): anyone with their
                password can then sign in as them.
              </p>
            </MemberDialog>
          )}
          {m.role !== ownerRole && keepRoles.length > 0 && (
            <MemberDialog
              op="transfer"
              userId={m.id}
              memberName={m.name}
              trigger={transferLabel(ownerRole)}
              title={`${transferLabel(ownerRole)} to ${m.name}?`}
              confirmLabel="Transfer"
              state={state}
              formAction={formAction}
            >
              <p>
                {`${m.name} becomes ${ownerLabel} and you take the role you choose below, in one step. You cannot undo this yourself: only an ${ownerLabel.toLowerCase()} can give the role back.`}
              </p>
              <RoleSelect
                name="newRole"
                label="Your role afterwards"
                options={keepRoles}
                defaultValue={keepRoles[0]!.value}
              />
            </MemberDialog>
          )}
        </>
      )}
    </div>
  );
}

function transferLabel(ownerRole: string): string {
  return ownerRole === "owner" ? "Transfer ownership" : "Transfer administration";
}

/** A labelled select with an id of its own (every row's dialog has one). */
function RoleSelect({
  name,
  label,
  options,
  defaultValue,
}: {
  name: string;
  label: string;
  options: RoleOption[];
  defaultValue: string;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-blue-100"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {`${o.label} — ${o.description}`}
          </option>
        ))}
      </select>
    </div>
  );
}
