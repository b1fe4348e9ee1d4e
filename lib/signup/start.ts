import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { distributorSettings, resellers, type Signup, signups, users } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { consumeUserToken } from "@/lib/auth/tokens";
import { orderContract } from "@/lib/contracts";
import { enqueueEmail } from "@/lib/email/outbox";
import { AppError } from "@/lib/errors/app-error";
import { emitResellerSignedUp } from "@/lib/webhooks/emit";

export type VerifyResult = {
  userId: string;
  resellerId: string;
  /** `started`: the contract exists and provisioning is queued; `awaiting_approval`: an admin decides first. */
  outcome: "started" | "awaiting_approval";
};

/**
 * Consumes an email-verification link: the owner's email is verified and, unless the distributor requires
 * approval, the contract starts (trial or paid, from `today`) with its provisioning job queued — all in one
 * transaction, so a crash leaves either nothing done or everything.
 */
export async function verifySignup(db: Db, token: string, today: string): Promise<VerifyResult> {
  return db.transaction(async (tx) => {
    const userId = await consumeUserToken(tx, token, "email_verification");
    if (!userId) {
      throw new AppError(
        "validation",
        "This link has expired or was already used. If you already confirmed, sign in; otherwise ask for a new link.",
      );
    }
    const [user] = await tx
      .update(users)
      .set({ emailVerifiedAt: new Date() })
      .where(eq(users.id, userId))
      .returning();
    const signup = await lockSignupOfUser(tx, userId);
    if (!user || !signup) throw new AppError("not_found", "This sign-up no longer exists.");
    const actor: Actor = { userId, label: user.email };
    await writeAudit(tx, actor, {
      action: "signup.email_verified",
      entityType: "reseller",
      entityId: signup.resellerId,
      resellerId: signup.resellerId,
    });
    if (signup.verifiedAt) {
      // A second link of the same sign-up (e.g. after "resend"): already past this point.
      return {
        userId,
        resellerId: signup.resellerId,
        outcome: signup.startedAt ? "started" : "awaiting_approval",
      };
    }
    await tx.update(signups).set({ verifiedAt: new Date() }).where(eq(signups.resellerId, signup.resellerId));
    const [settings] = await tx.select().from(distributorSettings).where(eq(distributorSettings.id, 1));
    await emitResellerSignedUp(tx, signup, Boolean(settings?.requireAdminApproval));
    if (settings?.requireAdminApproval) {
      await tx
        .update(resellers)
        .set({ status: "pending_approval", updatedAt: new Date() })
        .where(eq(resellers.id, signup.resellerId));
      const [reseller] = await tx.select().from(resellers).where(eq(resellers.id, signup.resellerId));
      await enqueueEmail(tx, {
        to: settings.supportEmail,
        subject: `New reseller awaiting approval: ${reseller?.name ?? "sign-up"}`,
        text: `${reseller?.name} (${user.email}) signed up for ${signup.trial ? "a trial of " : ""}${signup.tierCode} in ${signup.currency} and confirmed their email.\n\nApprove or reject the sign-up in the back office: Resellers → ${reseller?.name}.`,
        template: "signup_approval_needed",
        resellerId: signup.resellerId,
      });
      return { userId, resellerId: signup.resellerId, outcome: "awaiting_approval" };
    }
    await startSignup(tx, signup, actor, today);
    return { userId, resellerId: signup.resellerId, outcome: "started" };
  });
}

/** An admin approves a verified sign-up: the contract starts as if the email had just been verified. */
export async function approveSignup(
  db: Db,
  input: { resellerId: string; actor: Actor; today: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const signup = await lockSignup(tx, input.resellerId);
    if (!signup) throw new AppError("not_found", "This reseller did not sign up on the storefront.");
    if (signup.startedAt) throw new AppError("conflict", "This sign-up was already approved.");
    if (signup.rejectedAt) throw new AppError("conflict", "This sign-up was rejected.");
    if (!signup.verifiedAt) throw new AppError("conflict", "The reseller has not confirmed its email yet.");
    await tx
      .update(signups)
      .set({ approvedAt: new Date(), approvedBy: input.actor.userId })
      .where(eq(signups.resellerId, signup.resellerId));
    await writeAudit(tx, input.actor, {
      action: "signup.approved",
      entityType: "reseller",
      entityId: signup.resellerId,
      resellerId: signup.resellerId,
    });
    await startSignup(tx, signup, input.actor, input.today);
    const [user] = await tx.select().from(users).where(eq(users.id, signup.userId));
    const [settings] = await tx.select().from(distributorSettings).where(eq(distributorSettings.id, 1));
    if (user) {
      await enqueueEmail(tx, {
        to: user.email,
        subject: settings ? `Your ${settings.name} account is approved` : "Your account is approved",
        text: `Hello ${user.name},\n\nYour sign-up was approved. We are setting up your Acronis account now; sign in to watch it finish.\n\n${settings?.name ?? ""}`,
        template: "signup_approved",
        resellerId: signup.resellerId,
      });
    }
  });
}

/** An admin rejects a sign-up that awaits approval; the reseller is closed and its owner told why. */
export async function rejectSignup(
  db: Db,
  input: { resellerId: string; actor: Actor; reason: string },
): Promise<void> {
  const reason = input.reason.trim();
  if (reason.length < 3)
    throw new AppError("validation", "Say why the sign-up is rejected.", { reason: ["Say why."] });
  await db.transaction(async (tx) => {
    const signup = await lockSignup(tx, input.resellerId);
    if (!signup) throw new AppError("not_found", "This reseller did not sign up on the storefront.");
    if (signup.startedAt) throw new AppError("conflict", "This sign-up was already approved.");
    if (signup.rejectedAt) throw new AppError("conflict", "This sign-up was already rejected.");
    await tx
      .update(signups)
      .set({ rejectedAt: new Date(), rejectionReason: reason })
      .where(eq(signups.resellerId, signup.resellerId));
    await tx
      .update(resellers)
      .set({ status: "closed", updatedAt: new Date() })
      .where(eq(resellers.id, signup.resellerId));
    await tx.update(users).set({ disabledAt: new Date() }).where(eq(users.resellerId, signup.resellerId));
    const [user] = await tx.select().from(users).where(eq(users.id, signup.userId));
    const [settings] = await tx.select().from(distributorSettings).where(eq(distributorSettings.id, 1));
    if (user) {
      await enqueueEmail(tx, {
        to: user.email,
        subject: `Your sign-up with ${settings?.name ?? "us"}`,
        text: `Hello ${user.name},\n\nWe could not accept your sign-up: ${reason}\n\nReply to ${settings?.supportEmail ?? "our support team"} if you have questions.\n\n${settings?.name ?? ""}`,
        template: "signup_rejected",
        resellerId: signup.resellerId,
      });
    }
    await writeAudit(tx, input.actor, {
      action: "signup.rejected",
      entityType: "reseller",
      entityId: signup.resellerId,
      resellerId: signup.resellerId,
      data: { reason },
    });
  });
}

/** Orders the contract the sign-up asked for; the provisioning worker picks up the queued job. */
async function startSignup(tx: DbOrTx, signup: Signup, actor: Actor, today: string): Promise<void> {
  await tx
    .update(resellers)
    .set({ status: "active", approvedAt: new Date(), updatedAt: new Date() })
    .where(eq(resellers.id, signup.resellerId));
  const contract = await orderContract(tx, {
    resellerId: signup.resellerId,
    tierCode: signup.tierCode,
    currency: signup.currency,
    trial: signup.trial,
    rampUpCycles: signup.trial ? undefined : signup.rampUpCycles,
    actor,
    today,
  });
  await tx
    .update(signups)
    .set({ startedAt: new Date(), contractId: contract.id })
    .where(eq(signups.resellerId, signup.resellerId));
}

async function lockSignup(tx: DbOrTx, resellerId: string): Promise<Signup | undefined> {
  const [row] = await tx.select().from(signups).where(eq(signups.resellerId, resellerId)).for("update");
  return row;
}

async function lockSignupOfUser(tx: DbOrTx, userId: string): Promise<Signup | undefined> {
  const [row] = await tx
    .select()
    .from(signups)
    .where(and(eq(signups.userId, userId), isNull(signups.rejectedAt)))
    .for("update");
  return row;
}
