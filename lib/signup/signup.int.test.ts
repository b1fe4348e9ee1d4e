import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { signInWithOneTimeToken, signInWithPassword } from "@/lib/auth/credentials";
import { issueUserToken } from "@/lib/auth/tokens";
import { markProvisioningFailed, retryProvisioning } from "@/lib/contracts/provisioning";
import { AppError } from "@/lib/errors/app-error";
import type { SignupInput } from "./schema";
import { signupSchema } from "./schema";
import { resendVerification, type SignupResult, submitSignup } from "./signup";
import { approveSignup, rejectSignup, verifySignup } from "./start";
import { getSetupStatus } from "./status";

const today = "2026-11-24";
const db = (): Db => globalThis.testDb.db;
const admin = { userId: null, label: "admin@test" };
/** Acronis as the test wants it: these logins are taken there. */
const takenInAcronis = new Set(["taken-login"]);
let acronisDown = false;
const ctx = {
  checkAcronisLogin: async (login: string) => {
    if (acronisDown) throw new Error("connect ECONNREFUSED");
    return !takenInAcronis.has(login);
  },
  appUrl: "https://shop.example",
  today,
  ipAddress: "203.0.113.7",
};

const client = { address: "203.0.113.7" };

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${today}T00:00:00Z`) });
});

function form(overrides: Record<string, string | undefined> = {}) {
  const id = randomUUID().slice(0, 8);
  const raw: Record<string, string | undefined> = {
    requestKey: randomUUID(),
    companyName: `Acme ${id}`,
    addressLine1: "1 Main Street",
    city: "Berlin",
    postalCode: "10115",
    country: "DE",
    taxId: "DE 123 456 789",
    currency: "EUR",
    adminName: "Ada Admin",
    email: `ada-${id}@acme.example`,
    password: "correct horse 42",
    acronisLogin: `acme-${id}`,
    tier: "T2",
    rampUpCycles: "0",
    acceptTerms: "on",
    termsVersion: "2026-01",
    ...overrides,
  };
  const parsed = signupSchema.safeParse(
    Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)),
  );
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

/** A sign-up with a new email, which creates a reseller. */
async function signUp(input: SignupInput): Promise<SignupResult> {
  const result = await submitSignup(db(), input, ctx);
  if (result.resellerId === null) throw new Error(`${input.email} already had an account`);
  return result;
}

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).fieldErrors ?? {};
}

/** The verification link in the newest email to `to`, as the reseller would click it. */
async function linkTokenFor(to: string): Promise<string> {
  const [email] = await db()
    .select()
    .from(s.emailOutbox)
    .where(and(eq(s.emailOutbox.to, to), eq(s.emailOutbox.template, "email_verification")))
    .orderBy(sql`${s.emailOutbox.createdAt} desc`)
    .limit(1);
  const match = email?.text.match(/\/signup\/verify\?token=([\w-]+)/);
  if (!match?.[1]) throw new Error(`no verification link for ${to}`);
  return match[1];
}

describe("submitSignup", () => {
  it("creates the reseller, its unverified owner, the order and the terms acceptance, and emails a link", async () => {
    const input = form();
    const result = await signUp(input);
    expect(result.duplicate).toBe(false);
    const [reseller] = await db().select().from(s.resellers).where(eq(s.resellers.id, result.resellerId));
    expect(reseller).toMatchObject({
      status: "pending_verification",
      country: "DE",
      taxId: "DE123456789",
      currency: "EUR",
      acronisAdminLogin: input.acronisLogin,
      billingEmail: input.email,
    });
    const [user] = await db().select().from(s.users).where(eq(s.users.resellerId, result.resellerId));
    expect(user).toMatchObject({ role: "owner", emailVerifiedAt: null, email: input.email });
    const [terms] = await db()
      .select()
      .from(s.termsAcceptances)
      .where(eq(s.termsAcceptances.resellerId, result.resellerId));
    expect(terms).toMatchObject({
      termsVersion: "2026-01",
      userEmail: input.email,
      ipAddress: "203.0.113.7",
    });
    expect(await linkTokenFor(input.email)).toBeTruthy();
    // Nothing is ordered before the email is confirmed.
    const contracts = await db()
      .select()
      .from(s.contracts)
      .where(eq(s.contracts.resellerId, result.resellerId));
    expect(contracts).toHaveLength(0);
  });

  it("a double submit creates one reseller", async () => {
    const input = form();
    const [a, b] = await Promise.all([signUp(input), signUp(input)]);
    expect(a.resellerId).toBe(b.resellerId);
    const again = await signUp(input);
    expect(again).toMatchObject({ resellerId: a.resellerId, duplicate: true });
    const rows = await db().select().from(s.resellers).where(eq(s.resellers.name, input.companyName));
    expect(rows).toHaveLength(1);
  });

  it("refuses a login taken in Acronis or by another sign-up and an unsupported currency, never saying an email is taken", async () => {
    const first = form();
    await signUp(first);
    const errors = await fieldErrorsOf(
      signUp(form({ email: first.email, acronisLogin: "taken-login", currency: "BRL" })),
    );
    expect(errors.acronisLogin?.[0]).toMatch(/already taken in Acronis/);
    expect(errors.email).toBeUndefined();
    expect(errors.currency?.[0]).toMatch(/don't invoice in BRL/);
    const again = await fieldErrorsOf(signUp(form({ acronisLogin: first.acronisLogin.toUpperCase() })));
    expect(again.acronisLogin?.[0]).toMatch(/already taken/);
  });

  it("answers a sign-up with a taken email (a reseller's or staff's) like any other, and tells the owner by email", async () => {
    const first = form();
    await signUp(first);
    for (const email of [first.email, "admin@skyline.example"]) {
      const result = await submitSignup(db(), form({ email }), ctx);
      // The action redirects to "check your email" for this result exactly as for a new sign-up.
      expect(result).toEqual({ resellerId: null, email, duplicate: false });
      const notices = await db()
        .select()
        .from(s.emailOutbox)
        .where(and(eq(s.emailOutbox.to, email), eq(s.emailOutbox.template, "signup_existing_account")));
      expect(notices).toHaveLength(1);
      expect(notices[0]?.text).toContain("already has an account");
    }
    // Nothing was created for the second attempts: still one user per email, no second reseller.
    const users = await db().select().from(s.users).where(eq(s.users.email, first.email));
    expect(users).toHaveLength(1);
    // A stranger cannot flood the owner's mailbox: one notice an hour.
    await submitSignup(db(), form({ email: first.email }), ctx);
    const notices = await db()
      .select()
      .from(s.emailOutbox)
      .where(and(eq(s.emailOutbox.to, first.email), eq(s.emailOutbox.template, "signup_existing_account")));
    expect(notices).toHaveLength(1);
  });

  it("accepts a currency that has only an FX rate, and refuses a trial of Promo and a ramp-up over the maximum", async () => {
    const sek = await signUp(form({ currency: "SEK", country: "SE", taxId: "" }));
    expect(sek.duplicate).toBe(false);
    const errors = await fieldErrorsOf(signUp(form({ tier: "PROMO", trial: "on", rampUpCycles: undefined })));
    expect(errors.trial?.[0]).toMatch(/no free trial/);
    const ramp = await fieldErrorsOf(signUp(form({ rampUpCycles: "3" })));
    expect(ramp.rampUpCycles?.[0]).toMatch(/at most 1 month/);
  });

  it("creates nothing when Acronis can't be asked about the login", async () => {
    acronisDown = true;
    try {
      const input = form();
      await expect(signUp(input)).rejects.toThrow(/couldn't reach Acronis/);
      const rows = await db().select().from(s.users).where(eq(s.users.email, input.email));
      expect(rows).toHaveLength(0);
    } finally {
      acronisDown = false;
    }
  });

  it("validates formats beside each field: VAT, weak password, terms", () => {
    const bad = signupSchema.safeParse({
      ...form(),
      taxId: "DE12",
      password: "password",
      acceptTerms: undefined,
    });
    expect(bad.success).toBe(false);
    const byField: Record<string, string> = {};
    for (const i of bad.error!.issues) byField[i.path.join(".")] ??= i.message;
    expect(byField.taxId).toMatch(/not a valid VAT number for Germany\. Use the format DE123456789/);
    expect(byField.password).toMatch(/at least 10 characters/);
    expect(byField.acceptTerms).toMatch(/Accept the terms/);
  });
});

describe("verification and start", () => {
  it("an unverified owner cannot sign in; the link verifies, orders the contract and queues provisioning", async () => {
    const input = form({ tier: "T1", trial: "on", rampUpCycles: undefined });
    const { resellerId } = await signUp(input);
    expect(await signInWithPassword(db(), { email: input.email, password: input.password }, client)).toEqual({
      ok: false,
      reason: "unverified",
    });
    expect((await getSetupStatus(db(), resellerId)).phase).toBe("awaiting_verification");

    const result = await verifySignup(db(), await linkTokenFor(input.email), today);
    expect(result).toMatchObject({ resellerId, outcome: "started" });
    const [contract] = await db().select().from(s.contracts).where(eq(s.contracts.resellerId, resellerId));
    expect(contract).toMatchObject({
      state: "pending",
      targetState: "trial",
      isTrial: true,
      currency: "EUR",
    });
    const jobs = await db()
      .select()
      .from(s.provisioningJobs)
      .where(eq(s.provisioningJobs.contractId, contract!.id));
    expect(jobs.map((j) => j.kind)).toEqual(["provision"]);
    const status = await getSetupStatus(db(), resellerId);
    expect(status).toMatchObject({ phase: "provisioning", tierName: "Tier 1", trial: true });
    expect(status.steps[0]).toMatchObject({ name: "find_or_create_tenant", status: "running" });

    // The link is single use; the password works now.
    await expect(verifySignup(db(), await linkTokenFor(input.email), today)).rejects.toThrow(
      /expired or was already used/,
    );
    expect(
      (await signInWithPassword(db(), { email: input.email, password: input.password }, client)).ok,
    ).toBe(true);
  });

  it("a failed provisioning shows as paused, tells the distributor, and a retry resumes it", async () => {
    const input = form();
    const { resellerId } = await signUp(input);
    await verifySignup(db(), await linkTokenFor(input.email), today);
    const [contract] = await db().select().from(s.contracts).where(eq(s.contracts.resellerId, resellerId));
    await markProvisioningFailed(db(), {
      contractId: contract!.id,
      step: "create_admin_user",
      error: "409 login taken",
      actor: admin,
      today,
    });
    expect((await getSetupStatus(db(), resellerId)).phase).toBe("failed");
    const [told] = await db()
      .select()
      .from(s.emailOutbox)
      .where(
        and(eq(s.emailOutbox.template, "provisioning_failed"), eq(s.emailOutbox.resellerId, resellerId)),
      );
    expect(told).toMatchObject({ to: "support@skyline.example" });
    expect(told?.text).toContain("create_admin_user");
    await retryProvisioning(db(), { contractId: contract!.id, actor: admin, today });
    expect((await getSetupStatus(db(), resellerId)).phase).toBe("provisioning");
  });

  it("a one-time sign-in token opens one session and only once", async () => {
    const input = form();
    const { resellerId } = await signUp(input);
    const { userId } = await verifySignup(db(), await linkTokenFor(input.email), today);
    const token = await issueUserToken(db(), userId, "sign_in", 2);
    const first = await signInWithOneTimeToken(db(), { token });
    expect(first).toMatchObject({ ok: true, user: { resellerId, role: "owner" } });
    expect(await signInWithOneTimeToken(db(), { token })).toEqual({ ok: false, reason: "invalid" });
  });

  it("resend sends a new link that works, and is limited per email whether or not it has a sign-up", async () => {
    const input = form();
    await signUp(input);
    const firstToken = await linkTokenFor(input.email);
    const from = { appUrl: "https://shop.example", address: "198.51.100.20" };
    await resendVerification(db(), input.email, from);
    const secondToken = await linkTokenFor(input.email);
    expect(secondToken).not.toBe(firstToken);
    await resendVerification(db(), input.email, from);
    await resendVerification(db(), input.email, from);
    await expect(resendVerification(db(), input.email, from)).rejects.toThrow(/try again in \d+ minutes/);
    // An email without a sign-up gets exactly the same answers (three, then the same refusal).
    const nobody = "nobody@nowhere.example";
    for (let i = 0; i < 3; i++) await resendVerification(db(), nobody, { ...from, address: "198.51.100.21" });
    await expect(resendVerification(db(), nobody, { ...from, address: "198.51.100.21" })).rejects.toThrow(
      /try again in \d+ minutes/,
    );
    // One address cannot ask for more than ten links an hour, across emails.
    const spray = { ...from, address: "198.51.100.22" };
    for (let i = 0; i < 10; i++) await resendVerification(db(), `n${i}@nowhere.example`, spray);
    await expect(resendVerification(db(), "n10@nowhere.example", spray)).rejects.toThrow(/try again/);
    expect((await verifySignup(db(), secondToken, today)).outcome).toBe("started");
  });

  it("stores the verification email with its token hidden from the back office's copy", async () => {
    const input = form();
    await signUp(input);
    const token = await linkTokenFor(input.email);
    const [mail] = await db()
      .select()
      .from(s.emailOutbox)
      .where(and(eq(s.emailOutbox.to, input.email), eq(s.emailOutbox.template, "email_verification")));
    expect(mail?.text).toContain(token);
    expect(mail?.displayText).not.toContain(token);
    expect(mail?.hiddenSecrets).toBe(1);
  });

  describe("when the distributor requires approval", () => {
    beforeAll(async () => {
      await db().update(s.distributorSettings).set({ requireAdminApproval: true });
    });
    // Back to the seed's policy, for the tests that run after these in a shuffled order.
    afterAll(async () => {
      await db().update(s.distributorSettings).set({ requireAdminApproval: false });
    });

    it("waits for an admin, who approves (contract starts) or rejects (account closed, owner told)", async () => {
      const a = form();
      const { resellerId } = await signUp(a);
      expect((await verifySignup(db(), await linkTokenFor(a.email), today)).outcome).toBe(
        "awaiting_approval",
      );
      expect((await getSetupStatus(db(), resellerId)).phase).toBe("awaiting_approval");
      const [reseller] = await db().select().from(s.resellers).where(eq(s.resellers.id, resellerId));
      expect(reseller?.status).toBe("pending_approval");
      await approveSignup(db(), { resellerId, actor: admin, today });
      const [contract] = await db().select().from(s.contracts).where(eq(s.contracts.resellerId, resellerId));
      expect(contract).toMatchObject({ state: "pending", targetState: "active", paidStart: today });
      await expect(approveSignup(db(), { resellerId, actor: admin, today })).rejects.toThrow(
        /already approved/,
      );

      const b = form();
      const rejected = await signUp(b);
      await verifySignup(db(), await linkTokenFor(b.email), today);
      await rejectSignup(db(), {
        resellerId: rejected.resellerId,
        actor: admin,
        reason: "Outside our territory",
      });
      expect((await getSetupStatus(db(), rejected.resellerId)).phase).toBe("rejected");
      const [mail] = await db()
        .select()
        .from(s.emailOutbox)
        .where(and(eq(s.emailOutbox.to, b.email), eq(s.emailOutbox.template, "signup_rejected")));
      expect(mail?.text).toContain("Outside our territory");
      expect(await signInWithPassword(db(), { email: b.email, password: b.password }, client)).toMatchObject({
        ok: false,
        reason: "disabled",
      });
    });
  });
});
