import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import QRCode from "qrcode";
import type { Db, DbOrTx } from "@/db/client";
import { distributorSettings, userRecoveryCodes, users, userTokens } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { verifyPassword } from "@/lib/auth/password";
import { isDistributorRole, type Role } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { clearLimit, consumeLimit } from "@/lib/security/limits";
import { sendSecurityNotice } from "./notices";
import { generateRecoveryCodes, hashRecoveryCode } from "./recovery-codes";
import { decryptTotpSecret, encryptTotpSecret, isTwoFactorAvailable } from "./secret-store";
import { staffTwoFactorRequired } from "./staff";
import { formatManualKey, matchTotp, newTotpSecret, otpauthUri } from "./totp";
import { unusedRecoveryCodes, verifySecondFactor } from "./verify";

/**
 * A user's own two-factor sign-in (/account/security): enrol (the password first; a new secret, stored
 * encrypted and not yet in force, shown once), confirm with the first code (then it is on, and ten recovery
 * codes are shown once), replace the recovery codes, turn it off. Changes that weaken the account need a
 * current code or the password; so does starting an enrolment, so a stolen session cannot put the thief's
 * phone on the account and lock its owner out.
 */

export type AccountUser = { id: string; email: string; role: Role };

const actorOf = (user: AccountUser): Actor => ({ userId: user.id, label: user.email });

async function loadUser(db: DbOrTx, userId: string) {
  const [row] = await db.select().from(users).where(eq(users.id, userId));
  if (!row) throw new AppError("not_found", "This account no longer exists.");
  return row;
}

async function issuerName(db: DbOrTx): Promise<string> {
  const [row] = await db
    .select({ name: distributorSettings.name })
    .from(distributorSettings)
    .where(eq(distributorSettings.id, 1));
  return row?.name ?? "Tierline";
}

export type Enrolment = { manualKey: string; uri: string; qrCode: string };

export type TwoFactorStatus = {
  /** TIERLINE_SECRETS_KEY is set, so secrets can be stored. */
  available: boolean;
  enabledAt: Date | null;
  /**
   * Enrolment begun, not confirmed yet. Its key is shown only in the answer to beginEnrolment (after the
   * password), never again: a session left open must not read it and confirm it with another phone.
   */
  enrolmentPending: boolean;
  recoveryCodesLeft: number;
  /** Staff of a distributor that requires two-factor sign-in: it cannot be turned off. */
  required: boolean;
};

export async function twoFactorStatus(db: Db, userId: string): Promise<TwoFactorStatus> {
  const user = await loadUser(db, userId);
  const required = isDistributorRole(user.role) && (await staffTwoFactorRequired(db));
  const available = isTwoFactorAvailable();
  return {
    available,
    enabledAt: user.totpEnabledAt,
    enrolmentPending: !user.totpEnabledAt && user.totpSecretEnc !== null && available,
    recoveryCodesLeft: user.totpEnabledAt ? await unusedRecoveryCodes(db, user.id) : 0,
    required,
  };
}

async function enrolmentOf(db: DbOrTx, userId: string, email: string, stored: string): Promise<Enrolment> {
  const secret = decryptTotpSecret(userId, stored);
  const uri = otpauthUri(secret, email, await issuerName(db));
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return {
    manualKey: formatManualKey(secret),
    uri,
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
  };
}

/**
 * A new secret, encrypted, not in force until confirmEnrolment; starting again replaces an unconfirmed one.
 * The current password first (requireProof: its throttle, its field error), and the key is in the answer
 * only: whoever holds a session but not the password never sees a key to confirm.
 */
export async function beginEnrolment(
  db: Db,
  user: AccountUser,
  proof: { password?: string },
  at: Date,
): Promise<Enrolment> {
  const current = await loadUser(db, user.id);
  if (current.totpEnabledAt) throw alreadyOn();
  await requireProof(db, user, { password: proof.password }, at, "password");
  const secret = newTotpSecret();
  const stored = encryptTotpSecret(user.id, secret);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ totpSecretEnc: stored, totpLastStep: null })
      .where(and(eq(users.id, user.id), isNull(users.totpEnabledAt)))
      .returning();
    if (!row) throw alreadyOn();
    await writeAudit(tx, actorOf(user), {
      action: "auth.two_factor_enrolment_started",
      entityType: "user",
      entityId: user.id,
      resellerId: row.resellerId,
    });
    return enrolmentOf(tx, user.id, row.email, stored);
  });
}

/** Forgets an unconfirmed secret (nothing is in force yet, so no proof is asked). */
export async function cancelEnrolment(db: Db, user: AccountUser): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ totpSecretEnc: null, totpLastStep: null })
      .where(and(eq(users.id, user.id), isNull(users.totpEnabledAt)))
      .returning();
    if (!row) throw new AppError("conflict", "Two-factor sign-in is already on.");
    await writeAudit(tx, actorOf(user), {
      action: "auth.two_factor_enrolment_cancelled",
      entityType: "user",
      entityId: user.id,
      resellerId: row.resellerId,
    });
  });
}

const alreadyOn = () =>
  new AppError(
    "conflict",
    "Two-factor sign-in is already on. Turn it off first to move it to another device.",
  );

const wrongCode = (field: string, message: string) =>
  new AppError("validation", message, { [field]: [message] });

/**
 * Turns two-factor sign-in on with the first code from the app (which proves the app holds the secret), and
 * returns the recovery codes: the only time they are shown.
 */
export async function confirmEnrolment(
  db: Db,
  user: AccountUser,
  code: string,
  at: Date,
): Promise<{ recoveryCodes: string[] }> {
  const row = await loadUser(db, user.id);
  if (row.totpEnabledAt) throw new AppError("conflict", "Two-factor sign-in is already on.");
  if (!row.totpSecretEnc)
    throw new AppError("conflict", "Start the set-up again: no key is waiting to be confirmed.");
  const stored = row.totpSecretEnc;
  const step = matchTotp(decryptTotpSecret(user.id, stored), code, at);
  if (step === null)
    throw wrongCode(
      "code",
      "This code is not correct. Enter the six digits your app shows now (check that your phone's clock is right).",
    );
  const recoveryCodes = generateRecoveryCodes();
  await db.transaction(async (tx) => {
    const [enabled] = await tx
      .update(users)
      .set({ totpEnabledAt: at, totpLastStep: step })
      .where(and(eq(users.id, user.id), isNull(users.totpEnabledAt), eq(users.totpSecretEnc, stored)))
      .returning({ id: users.id });
    if (!enabled)
      throw new AppError("conflict", "The set-up changed meanwhile. Reload the page and start again.");
    await replaceRecoveryCodes(tx, user.id, recoveryCodes);
    await writeAudit(tx, actorOf(user), {
      action: "auth.two_factor_enabled",
      entityType: "user",
      entityId: user.id,
      resellerId: row.resellerId,
    });
    await sendSecurityNotice(tx, row, { kind: "two_factor_enabled" }, at);
  });
  return { recoveryCodes };
}

async function replaceRecoveryCodes(tx: DbOrTx, userId: string, codes: string[]): Promise<void> {
  await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
  await tx
    .insert(userRecoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })));
}

/** A current authentication code (or a recovery code), or the account's password. */
export type Proof = { code?: string; password?: string };

/**
 * Re-checks who is at the keyboard before a change that weakens the account (or, `accepts` "password",
 * before an enrolment, when no code exists yet): counted against the same five-in-fifteen-minutes budget as
 * sign-in codes, so a left-open session cannot be used to guess either.
 */
async function requireProof(
  db: Db,
  user: AccountUser,
  proof: Proof,
  at: Date,
  accepts: "code_or_password" | "password" = "code_or_password",
): Promise<void> {
  if (accepts === "password") {
    if (!proof.password) throw wrongCode("password", "Enter your current password.");
    proof = { password: proof.password };
  }
  if (!proof.code && !proof.password)
    throw wrongCode("code", "Enter a code from your authenticator app, a recovery code, or your password.");
  const allowed = await consumeLimit(db, "twoFactorAccount", user.id);
  if (!allowed.ok) {
    const minutes = Math.max(1, Math.ceil(allowed.retryAfterSeconds / 60));
    throw new AppError(
      "rate_limited",
      `Too many wrong attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    );
  }
  if (proof.code) {
    const result = await verifySecondFactor(db, user.id, proof.code, at);
    if (!result.ok) throw wrongCode("code", "This code is not correct, or it was used already.");
  } else {
    const row = await loadUser(db, user.id);
    if (!row.passwordHash || !(await verifyPassword(row.passwordHash, proof.password!)))
      throw wrongCode("password", "This password is not correct.");
  }
  await clearLimit(db, "twoFactorAccount", user.id);
}

/** Turns two-factor sign-in off (a code or the password first); refused for staff when it is required. */
export async function disableTwoFactor(db: Db, user: AccountUser, proof: Proof, at: Date): Promise<void> {
  const row = await loadUser(db, user.id);
  if (!row.totpEnabledAt) throw new AppError("conflict", "Two-factor sign-in is already off.");
  if (isDistributorRole(row.role) && (await staffTwoFactorRequired(db)))
    throw new AppError(
      "forbidden",
      "Your distributor requires two-factor sign-in for staff, so it cannot be turned off. To move it to a new phone, ask an administrator to reset it (Staff in the back office); you set it up again at your next sign-in.",
    );
  await requireProof(db, user, proof, at);
  await db.transaction(async (tx) => {
    await clearSecondFactor(tx, user.id, at);
    await writeAudit(tx, actorOf(user), {
      action: "auth.two_factor_disabled",
      entityType: "user",
      entityId: user.id,
      resellerId: row.resellerId,
    });
    await sendSecurityNotice(tx, row, { kind: "two_factor_disabled" }, at);
  });
}

/** Ten new recovery codes (a code or the password first); every earlier one stops working. */
export async function regenerateRecoveryCodes(
  db: Db,
  user: AccountUser,
  proof: Proof,
  at: Date,
): Promise<{ recoveryCodes: string[] }> {
  const row = await loadUser(db, user.id);
  if (!row.totpEnabledAt) throw new AppError("conflict", "Turn on two-factor sign-in first.");
  await requireProof(db, user, proof, at);
  const recoveryCodes = generateRecoveryCodes();
  await db.transaction(async (tx) => {
    await replaceRecoveryCodes(tx, user.id, recoveryCodes);
    await writeAudit(tx, actorOf(user), {
      action: "auth.recovery_codes_regenerated",
      entityType: "user",
      entityId: user.id,
      resellerId: row.resellerId,
    });
    await sendSecurityNotice(tx, row, { kind: "recovery_codes_regenerated" }, at);
  });
  return { recoveryCodes };
}

/**
 * Takes two-factor sign-in off a user, in the caller's transaction: the secret, when it was turned on, the
 * last step used, every recovery code, and any sign-in waiting for its code step. The caller audits.
 */
export async function clearSecondFactor(tx: DbOrTx, userId: string, at: Date): Promise<void> {
  await tx
    .update(users)
    .set({ totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null })
    .where(eq(users.id, userId));
  await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
  await tx
    .update(userTokens)
    .set({ usedAt: at })
    .where(
      and(eq(userTokens.userId, userId), eq(userTokens.purpose, "two_factor"), isNull(userTokens.usedAt)),
    );
}
