"use client";
import { useActionState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, Td, Th } from "@/components/ui/table";
import { unlockAction } from "./actions";

export type LockRow = { key: string; email: string; where: string; until: string };

/**
 * The locked accounts with their Unlock buttons. The outcome is announced above the table, which stays
 * mounted while the unlocked row disappears (the page re-renders without it).
 */
export function LocksPanel({
  locks,
  mayUnlock,
  emptyText,
}: {
  locks: LockRow[];
  mayUnlock: boolean;
  emptyText: string;
}) {
  const [state, formAction] = useActionState(unlockAction, undefined);
  return (
    <>
      {state?.message && (
        <div className="border-b border-slate-100 p-4">
          <FormMessage ok={state.ok} message={state.message} />
        </div>
      )}
      {locks.length === 0 ? (
        <EmptyState title="No account is locked">{emptyText}</EmptyState>
      ) : (
        <Table caption="Locked accounts">
          <thead>
            <tr>
              <Th>Account</Th>
              <Th>Locked for</Th>
              <Th>Until</Th>
              {mayUnlock && <Th>Action</Th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {locks.map((lock) => (
              <tr key={lock.key}>
                <Td className="break-all">{lock.email}</Td>
                <Td>{lock.where}</Td>
                <Td>{lock.until}</Td>
                {mayUnlock && (
                  <Td>
                    <form action={formAction}>
                      <input type="hidden" name="email" value={lock.email} />
                      <SubmitButton variant="secondary" pendingText="Unlocking…">
                        Unlock<span className="sr-only"> {lock.email}</span>
                      </SubmitButton>
                    </form>
                  </Td>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
