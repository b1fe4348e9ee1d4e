import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { distributorSettings, resellers, signups, termsAcceptances, tiers, users } from "@/db/schema";
import { datacenterForCountry } from "@/lib/acronis/datacenters";
import { writeAudit } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { issueUserToken } from "@/lib/auth/tokens";
import { listOrderCurrencies } from "@/lib/catalogue/currencies";
import { isUniqueViolation } from "@/lib/contracts/store";
import { enqueueEmail } from "@/lib/email/outbox";
import { AppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { consumeLimit, takeLimitsOrRefuse } from "@/lib/security/limits";
import { taxForReseller } from "@/lib/taxes/tax-for-reseller";
import type { SignupInput } from "./schema";
import { canonicalTaxId } from "./tax-id";

export const VERIFY_TTL_HOURS = 48;

/**
 * Answers whether an Acronis login is free in a datacenter (the one the reseller will be provisioned in);
 * the sign-up never trusts the browser's earlier check.
 */
export type LoginChecker = (login: string, datacenterId: string) => Promise<boolean>;

export type SignupContext = {
  /** Asks Acronis (GET /users/check_login); throws when Acronis cannot answer. */
  checkAcronisLogin: LoginChecker;
  /** The storefront's own origin, for the verification link. */
  appUrl: string;
  today: string;
  ipAddress?: string | null;
};

export type SignupResult = { resellerId: string; email: string; duplicate: boolean };
/**
 * The email already has an account: nothing is created and the form answers exactly as for a new sign-up
 * ("check your email"); the account's owner is told by email instead, so the form reveals no accounts.
 */
export type ExistingAccountResult = { resellerId: null; email: string; duplicate: false };

/**
 * Creates the reseller, its owner (unverified), the order and the terms acceptance in one transaction and
 * queues the verification email — only after every check passed (domain.md §3 "Order"; the contract
 * itself starts once the email is verified). A second submit with the same `requestKey` returns the first
 * result instead of creating anything.
 */
export async function submitSignup(
  db: Db,
  input: SignupInput,
  ctx: SignupContext,
): Promise<SignupResult | ExistingAccountResult> {
  const earlier = await findByRequestKey(db, input.requestKey);
  if (earlier) return earlier;

  const fieldErrors: Record<string, string[]> = {};
  const add = (field: string, message: string) => {
    fieldErrors[field] = [...(fieldErrors[field] ?? []), message];
  };

  const [settings] = await db.select().from(distributorSettings).where(eq(distributorSettings.id, 1));
  if (!settings) throw new AppError("internal", "The storefront is not set up yet.");
  if (input.termsVersion !== settings.termsVersion) {
    add("acceptTerms", "The terms were updated while you were signing up. Read them again and accept.");
  }

  const currencies = await listOrderCurrencies(db, ctx.today);
  if (!currencies.some((c) => c.code === input.currency)) {
    add(
      "currency",
      `We don't invoice in ${input.currency}. Choose one of ${currencies.map((c) => c.code).join(", ")}.`,
    );
  }

  const [tier] = await db.select().from(tiers).where(eq(tiers.code, input.tier));
  if (!tier?.orderable || tier.retiredAt) add("tier", "This plan can't be ordered. Choose another.");
  else if (input.trial && !tier.trialAllowed) add("trial", `${tier.name} has no free trial.`);
  const maxRampUp = settings.rampUpMaxCycles;
  if (!input.trial && (input.rampUpCycles ?? 0) > maxRampUp) {
    add(
      "rampUpCycles",
      maxRampUp === 0
        ? "A ramp-up period is not offered."
        : `The ramp-up is at most ${maxRampUp} month${maxRampUp === 1 ? "" : "s"}.`,
    );
  }

  const login = input.acronisLogin;
  // The reseller's datacenter follows its country (the map on /admin/acronis, else the default one).
  const datacenterId = await datacenterForCountry(db, input.country);
  if (!(await isLoginAvailable(db, ctx.checkAcronisLogin, login, datacenterId))) {
    add("acronisLogin", `The login "${login}" is already taken in Acronis. Choose another.`);
  }

  if (Object.keys(fieldErrors).length > 0) {
    // The same form may have been submitted twice at once and the first just committed (its email and
    // login now look taken): that is a success, not a refusal.
    const winner = await findByRequestKey(db, input.requestKey);
    if (winner) return winner;
    throw new AppError("validation", "Check the highlighted fields.", fieldErrors);
  }

  // Hashed before the email is looked up: a taken email answers in the same time as a new one.
  const passwordHash = await hashPassword(input.password);
  const [taken] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, input.email));
  if (taken) {
    // Taken by this very form, submitted twice at once? Then it is the first submit's result.
    const winner = await findByRequestKey(db, input.requestKey);
    return winner ?? tellOwnerOfTakenEmail(db, input.email, settings.name, ctx.appUrl);
  }
  const rampUpCycles = input.trial
    ? 0
    : (input.rampUpCycles ?? Math.min(settings.rampUpDefaultCycles, settings.rampUpMaxCycles));
  try {
    return await db.transaction(async (tx) => {
      const taxId = canonicalTaxId(input.country, input.taxId);
      // The rate and reverse charge from the distributor's tax table (domain.md §2.4).
      const tax = await taxForReseller(tx, { country: input.country, taxId });
      const [reseller] = await tx
        .insert(resellers)
        .values({
          name: input.companyName,
          legalName: input.legalName ?? input.companyName,
          addressLine1: input.addressLine1,
          addressLine2: input.addressLine2 ?? null,
          city: input.city,
          postalCode: input.postalCode,
          region: input.region ?? null,
          country: input.country,
          taxId,
          taxRatePercent: tax.ratePercent,
          reverseCharge: tax.reverseCharge,
          currency: input.currency,
          billingEmail: input.email,
          status: "pending_verification",
          internalTag: `tl-${randomUUID()}`,
          acronisAdminLogin: login,
          datacenterId,
        })
        .returning();
      const [user] = await tx
        .insert(users)
        .values({
          email: input.email,
          name: input.adminName,
          passwordHash,
          role: "owner",
          resellerId: reseller!.id,
        })
        .returning();
      await tx.insert(signups).values({
        resellerId: reseller!.id,
        requestKey: input.requestKey,
        userId: user!.id,
        tierCode: input.tier,
        trial: input.trial,
        rampUpCycles,
        currency: input.currency,
      });
      await tx.insert(termsAcceptances).values({
        resellerId: reseller!.id,
        userEmail: input.email,
        termsVersion: settings.termsVersion,
        ipAddress: ctx.ipAddress ?? null,
      });
      await queueVerificationEmail(tx, {
        userId: user!.id,
        email: input.email,
        name: input.adminName,
        resellerId: reseller!.id,
        brand: settings.name,
        appUrl: ctx.appUrl,
      });
      await writeAudit(
        tx,
        { userId: user!.id, label: input.email },
        {
          action: "signup.submitted",
          entityType: "reseller",
          entityId: reseller!.id,
          resellerId: reseller!.id,
          data: {
            tier: input.tier,
            trial: input.trial,
            currency: input.currency,
            rampUpCycles,
            tax: { ratePercent: tax.ratePercent, reverseCharge: tax.reverseCharge, reason: tax.reason },
          },
        },
      );
      return { resellerId: reseller!.id, email: input.email, duplicate: false };
    });
  } catch (error) {
    // A concurrent double submit lost the race (on the login, email or request key, whichever unique
    // index it reached first): answer with the winner's result.
    if ((error as { code?: string } | null)?.code === "23505" || hasUniqueCause(error)) {
      const winner = await findByRequestKey(db, input.requestKey);
      if (winner) return winner;
    }
    if (isUniqueViolation(error, "users_email_key")) {
      return tellOwnerOfTakenEmail(db, input.email, settings.name, ctx.appUrl);
    }
    if (isUniqueViolation(error, "resellers_acronis_admin_login_key")) {
      throw new AppError("validation", "Check the highlighted fields.", {
        acronisLogin: [`The login "${login}" is already taken in Acronis. Choose another.`],
      });
    }
    throw error;
  }
}

/**
 * Someone signed up with an email that has an account: its owner gets one notice an hour (a stranger cannot
 * flood a mailbox through the form), and the sign-up answers as if it had gone through.
 */
async function tellOwnerOfTakenEmail(
  db: Db,
  email: string,
  brand: string,
  appUrl: string,
): Promise<ExistingAccountResult> {
  const allowed = await consumeLimit(db, "signupNotice", email);
  if (allowed.ok) {
    await db.transaction(async (tx) => {
      await enqueueEmail(tx, {
        to: email,
        subject: `Someone tried to sign up to ${brand} with your email`,
        text: `Hello,\n\nSomeone (perhaps you) tried to sign up to ${brand} with this email address, which already has an account, so nothing was created.\n\nIf it was you, sign in at ${appUrl}/login — or, if you forgot your password, reset it at ${appUrl}/forgot-password.\n\nIf it was not you, you can ignore this email: your account is unchanged.\n\n${brand}`,
        template: "signup_existing_account",
      });
    });
  }
  return { resellerId: null, email, duplicate: false };
}

function hasUniqueCause(error: unknown): boolean {
  return ["signups_request_key_unique", "users_email_key", "resellers_acronis_admin_login_key"].some((c) =>
    isUniqueViolation(error, c),
  );
}

/**
 * A login is available when no reseller here claims it (a sign-up not yet provisioned holds it too) and
 * the datacenter the reseller will live in answers that it is free. Throws an AppError when Acronis can't be
 * asked.
 */
export async function isLoginAvailable(
  db: DbOrTx,
  check: LoginChecker,
  login: string,
  datacenterId: string,
): Promise<boolean> {
  const [claimed] = await db
    .select({ id: resellers.id })
    .from(resellers)
    .where(eq(sql`lower(${resellers.acronisAdminLogin})`, login.toLowerCase()));
  return !claimed && (await acronisLoginFree(check, login, datacenterId));
}

async function acronisLoginFree(check: LoginChecker, login: string, datacenterId: string): Promise<boolean> {
  try {
    return await check(login, datacenterId);
  } catch (error) {
    log.error({ err: error }, "[signup] Acronis login check failed");
    throw new AppError(
      "external",
      "We couldn't reach Acronis to check the login. Nothing was created; please try again in a minute.",
    );
  }
}

async function findByRequestKey(db: DbOrTx, requestKey: string): Promise<SignupResult | null> {
  const [row] = await db
    .select({ resellerId: signups.resellerId, email: users.email })
    .from(signups)
    .innerJoin(users, eq(users.id, signups.userId))
    .where(eq(signups.requestKey, requestKey));
  return row ? { ...row, duplicate: true } : null;
}

async function queueVerificationEmail(
  tx: DbOrTx,
  v: { userId: string; email: string; name: string; resellerId: string; brand: string; appUrl: string },
): Promise<void> {
  const token = await issueUserToken(tx, v.userId, "email_verification", VERIFY_TTL_HOURS * 60);
  const link = `${v.appUrl}/signup/verify?token=${token}`;
  await enqueueEmail(tx, {
    to: v.email,
    subject: `Confirm your email to start with ${v.brand}`,
    text: `Hello ${v.name},\n\nThanks for signing up with ${v.brand}. Confirm your email address to start your contract and set up your Acronis account:\n\n${link}\n\nThe link is valid for ${VERIFY_TTL_HOURS} hours. If you did not sign up, ignore this email and nothing will happen.\n\n${v.brand}`,
    template: "email_verification",
    resellerId: v.resellerId,
    secrets: [token],
  });
}

/**
 * Sends a fresh verification link to an unverified sign-up. Answers the same whether or not the email
 * belongs to one, so the form reveals no accounts; limited per address and per submitted email (counted
 * whether or not it belongs to a sign-up, so the limit reveals nothing either).
 */
export async function resendVerification(
  db: Db,
  email: string,
  ctx: { appUrl: string; address: string },
): Promise<void> {
  await takeLimitsOrRefuse(
    db,
    [
      ["resendAddress", ctx.address],
      ["resendAccount", email.toLowerCase()],
    ],
    (wait) => `We just sent links. Check your inbox (and spam folder), or try again in ${wait}.`,
  );
  const [row] = await db
    .select({ user: users, brand: distributorSettings.name })
    .from(users)
    .innerJoin(signups, eq(signups.userId, users.id))
    .innerJoin(distributorSettings, eq(distributorSettings.id, 1))
    .where(and(eq(sql`lower(${users.email})`, email.toLowerCase()), isNull(users.emailVerifiedAt)));
  if (!row?.user.resellerId) return;
  await db.transaction(async (tx) => {
    await queueVerificationEmail(tx, {
      userId: row.user.id,
      email: row.user.email,
      name: row.user.name,
      resellerId: row.user.resellerId!,
      brand: row.brand,
      appUrl: ctx.appUrl,
    });
  });
}
