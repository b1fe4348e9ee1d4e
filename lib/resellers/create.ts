import "server-only";
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { acronisDatacenters, distributorSettings, resellers, users } from "@/db/schema";
import { datacenterForCountry } from "@/lib/acronis/datacenters";
import { type Actor, writeAudit } from "@/lib/audit";
import { issueUserToken } from "@/lib/auth/tokens";
import { listOrderCurrencies } from "@/lib/catalogue/currencies";
import { orderContract } from "@/lib/contracts";
import { isUniqueViolation } from "@/lib/contracts/store";
import { enqueueEmail } from "@/lib/email/outbox";
import { AppError } from "@/lib/errors/app-error";
import { isLoginAvailable, type LoginChecker } from "@/lib/signup/signup";
import { canonicalTaxId } from "@/lib/signup/tax-id";
import { taxForReseller } from "@/lib/taxes";
import type { CreateResellerInput } from "./schema";

/** An invitation stays valid a week: the owner may not read the email the day it is sent. */
export const INVITATION_TTL_HOURS = 7 * 24;

export type CreateContext = {
  /** Asks Acronis whether the login is free (the same check as the storefront's sign-up). */
  checkAcronisLogin: LoginChecker;
  appUrl: string;
  today: string;
};

export type CreatedReseller = { resellerId: string; contractId: string; ownerId: string };

/**
 * An admin creates a reseller by hand: the company (tax rate from the distributor's table, as at sign-up),
 * its owner without a password, an invitation email whose single-use link (stored hashed) sets the
 * password, and the order — through lib/contracts' `orderContract`, which creates the contract and queues
 * its provisioning exactly as a storefront sign-up does. All in one transaction, audited.
 */
export async function createReseller(
  db: Db,
  actor: Actor,
  input: CreateResellerInput,
  ctx: CreateContext,
): Promise<CreatedReseller> {
  const fieldErrors: Record<string, string[]> = {};
  const currencies = await listOrderCurrencies(db, ctx.today);
  if (!currencies.some((c) => c.code === input.currency)) {
    fieldErrors.currency = [`Choose one of ${currencies.map((c) => c.code).join(", ")}.`];
  }
  const [taken] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, input.ownerEmail));
  if (taken) fieldErrors.ownerEmail = ["This email already has an account."];
  // Provisioned in its country's datacenter (the map on /admin/acronis, else the default), like a sign-up.
  const datacenterId = await datacenterForCountry(db, input.country);
  if (!(await isLoginAvailable(db, ctx.checkAcronisLogin, input.acronisLogin, datacenterId))) {
    fieldErrors.acronisLogin = [`The login "${input.acronisLogin}" is already taken in Acronis.`];
  }
  if (Object.keys(fieldErrors).length) {
    throw new AppError("validation", "Check the highlighted fields.", fieldErrors);
  }
  try {
    return await db.transaction(async (tx) => {
      const [settings] = await tx.select().from(distributorSettings).where(eq(distributorSettings.id, 1));
      if (!settings) throw new AppError("internal", "The distributor settings are missing: run the seed.");
      const taxId = canonicalTaxId(input.country, input.taxId);
      const tax = await taxForReseller(tx, { country: input.country, taxId });
      const [reseller] = await tx
        .insert(resellers)
        .values({
          name: input.name,
          legalName: input.legalName ?? input.name,
          addressLine1: input.addressLine1,
          addressLine2: input.addressLine2,
          city: input.city,
          postalCode: input.postalCode,
          region: input.region,
          country: input.country,
          taxId,
          taxRatePercent: tax.ratePercent,
          reverseCharge: tax.reverseCharge,
          currency: input.currency,
          billingEmail: input.billingEmail,
          billingContacts: (input.billingContacts ?? []).filter((c) => c !== input.billingEmail),
          status: "active",
          internalTag: `tl-${randomUUID()}`,
          acronisAdminLogin: input.acronisLogin,
          datacenterId,
          approvedAt: new Date(),
        })
        .returning();
      const [owner] = await tx
        .insert(users)
        .values({
          email: input.ownerEmail,
          name: input.ownerName,
          passwordHash: null,
          role: "owner",
          resellerId: reseller!.id,
          // Verified when the owner uses the invitation (lib/auth/password-reset.ts): that proves the mailbox.
        })
        .returning();
      await writeAudit(tx, actor, {
        action: "reseller.created",
        entityType: "reseller",
        entityId: reseller!.id,
        resellerId: reseller!.id,
        data: {
          after: {
            name: reseller!.name,
            country: reseller!.country,
            currency: reseller!.currency,
            tier: input.tier,
            trial: input.trial,
            owner: input.ownerEmail,
            taxRatePercent: tax.ratePercent,
            reverseCharge: tax.reverseCharge,
            datacenter: await datacenterName(tx, datacenterId),
          },
        },
      });
      const contract = await orderContract(tx, {
        resellerId: reseller!.id,
        tierCode: input.tier,
        currency: input.currency,
        trial: input.trial,
        actor,
        today: ctx.today,
      });
      await sendInvitation(tx, {
        userId: owner!.id,
        name: input.ownerName,
        email: input.ownerEmail,
        resellerId: reseller!.id,
        company: reseller!.name,
        brand: settings.name,
        appUrl: ctx.appUrl,
      });
      return { resellerId: reseller!.id, contractId: contract.id, ownerId: owner!.id };
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) {
      throw new AppError("validation", "Check the highlighted fields.", {
        ownerEmail: ["This email already has an account."],
      });
    }
    if (isUniqueViolation(error, "resellers_acronis_admin_login_key")) {
      throw new AppError("validation", "Check the highlighted fields.", {
        acronisLogin: [`The login "${input.acronisLogin}" is already taken.`],
      });
    }
    throw error;
  }
}

type Invitation = {
  userId: string;
  name: string;
  email: string;
  resellerId: string;
  company: string;
  brand: string;
  appUrl: string;
};

/**
 * The invitation is a single-use password-setting token (stored hashed, like a reset link) that opens the
 * existing reset-password page; the email names it a secret so the back office's copy hides it.
 */
async function sendInvitation(tx: Parameters<typeof issueUserToken>[0], v: Invitation): Promise<void> {
  const token = await issueUserToken(tx, v.userId, "password_reset", INVITATION_TTL_HOURS * 60);
  const link = `${v.appUrl}/reset-password?token=${token}&invite=1`;
  await enqueueEmail(tx, {
    to: v.email,
    subject: `Your ${v.brand} account for ${v.company} is ready`,
    text: `Hello ${v.name},\n\n${v.brand} opened an account for ${v.company}, with you as its owner. Choose your password to sign in:\n\n${link}\n\nThe link works once and for ${INVITATION_TTL_HOURS / 24} days; after that, ask for a new one at ${v.appUrl}/forgot-password. We are setting up your Acronis account meanwhile; Acronis sends its own activation email.\n\n${v.brand}`,
    template: "reseller_invitation",
    resellerId: v.resellerId,
    secrets: [token],
  });
}

async function datacenterName(db: DbOrTx, id: string): Promise<string | null> {
  const [row] = await db
    .select({ name: acronisDatacenters.name })
    .from(acronisDatacenters)
    .where(eq(acronisDatacenters.id, id));
  return row?.name ?? null;
}
