import "server-only";
import type { Db } from "@/db/client";
import { type Actor, writeAudit } from "@/lib/audit";
import { unlockSignIn } from "./throttle";

/** An admin lifts every sign-in lock of an account (from every address and overall); audited. */
export async function unlockAccount(db: Db, email: string, actor: Actor): Promise<void> {
  await unlockSignIn(db, email);
  await writeAudit(db, actor, { action: "auth.unlocked", entityType: "user", entityId: email });
}
