import "server-only";
import { and, count, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { userRecoveryCodes, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { log } from "@/lib/log";
import { sendSecurityNotice } from "./notices";
import { hashRecoveryCode, isRecoveryCodeShape } from "./recovery-codes";
import { decryptTotpSecret } from "./secret-store";
import { isTotpCodeShape, matchTotp } from "./totp";

export type SecondFactorResult =
  | { ok: true; method: "totp" }
  | { ok: true; method: "recovery_code"; codesLeft: number }
  | { ok: false };

/**
 * Checks a second factor of a user with two-factor sign-in on: a current TOTP code (its step must be later
 * than the last one used — one conditional UPDATE, so two requests with the same code cannot both pass) or
 * an unused recovery code (marked used by one conditional UPDATE; audited and emailed). Runs in a
 * transaction of its own, or as a savepoint of the caller's.
 */
export async function verifySecondFactor(
  db: DbOrTx,
  userId: string,
  code: string,
  at: Date,
): Promise<SecondFactorResult> {
  if (isTotpCodeShape(code)) return verifyTotp(db, userId, code, at);
  if (isRecoveryCodeShape(code)) return spendRecoveryCode(db, userId, code, at);
  return { ok: false };
}

async function verifyTotp(db: DbOrTx, userId: string, code: string, at: Date): Promise<SecondFactorResult> {
  const [user] = await db
    .select({ secret: users.totpSecretEnc })
    .from(users)
    .where(and(eq(users.id, userId), isNotNull(users.totpEnabledAt)));
  if (!user?.secret) return { ok: false };
  let secret: string;
  try {
    secret = decryptTotpSecret(userId, user.secret);
  } catch (err) {
    // Recovery codes still work without the key; the operator sees why codes fail.
    log.error({ err }, "[two-factor] the TOTP secret could not be read");
    return { ok: false };
  }
  const step = matchTotp(secret, code, at);
  if (step === null) return { ok: false };
  const [accepted] = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(
      and(
        eq(users.id, userId),
        isNotNull(users.totpEnabledAt),
        eq(users.totpSecretEnc, user.secret),
        or(isNull(users.totpLastStep), lt(users.totpLastStep, step)),
      ),
    )
    .returning({ id: users.id });
  return accepted ? { ok: true, method: "totp" } : { ok: false };
}

async function spendRecoveryCode(
  db: DbOrTx,
  userId: string,
  code: string,
  at: Date,
): Promise<SecondFactorResult> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, userId), isNotNull(users.totpEnabledAt)));
    if (!user) return { ok: false } as const;
    const [used] = await tx
      .update(userRecoveryCodes)
      .set({ usedAt: at })
      .where(
        and(
          eq(userRecoveryCodes.userId, userId),
          eq(userRecoveryCodes.codeHash, hashRecoveryCode(code)),
          isNull(userRecoveryCodes.usedAt),
        ),
      )
      .returning({ userId: userRecoveryCodes.userId });
    if (!used) return { ok: false } as const;
    const codesLeft = await unusedRecoveryCodes(tx, userId);
    await writeAudit(
      tx,
      { userId, label: user.email },
      {
        action: "auth.recovery_code_used",
        entityType: "user",
        entityId: userId,
        resellerId: user.resellerId,
        data: { codesLeft },
      },
    );
    await sendSecurityNotice(tx, user, { kind: "recovery_code_used", codesLeft }, at);
    return { ok: true, method: "recovery_code", codesLeft } as const;
  });
}

export async function unusedRecoveryCodes(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(userRecoveryCodes)
    .where(and(eq(userRecoveryCodes.userId, userId), isNull(userRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}
