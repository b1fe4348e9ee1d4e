import "server-only";
import type { DbOrTx } from "@/db/client";
import { auditLog } from "@/db/schema";

export type Actor = { userId: string | null; label: string };
export const systemActor: Actor = { userId: null, label: "system" };

/** Append-only record of who changed what; written inside the same transaction as the change. */
export async function writeAudit(
  db: DbOrTx,
  actor: Actor,
  entry: {
    action: string;
    entityType: string;
    entityId?: string | null;
    resellerId?: string | null;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  await db.insert(auditLog).values({
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    resellerId: entry.resellerId ?? null,
    data: entry.data ?? null,
  });
}
