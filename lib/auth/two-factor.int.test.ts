import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { signInWithOneTimeToken, signInWithPassword, signInWithSecondFactor } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/permissions";
import { issueUserToken } from "@/lib/auth/tokens";
import {
  beginEnrolment,
  cancelEnrolment,
  confirmEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  setStaffTwoFactorRequirement,
  twoFactorStatus,
  verifySecondFactor,
} from "@/lib/auth/two-factor";
import { totpCode } from "@/lib/auth/two-factor/totp";
import { AppError } from "@/lib/errors/app-error";
import { resetTwoFactor } from "@/lib/teams";

// The guard asks Auth.js for the session cookie's user; here the test says who is signed in.
const session = vi.hoisted(() => ({ current: null as null | { userId: string; sessionId: string } }));
vi.mock("@/lib/auth/auth", () => ({
  auth: async () =>
    session.current ? { user: { id: session.current.userId }, sessionId: session.current.sessionId } : null,
}));

const { requireAccountPageUser, requirePageUser, requireUser } = await import("@/lib/auth/guard");

const db = () => globalThis.testDb.db;
const PASSWORD = "two-factor-Passw0rd";
const keyBefore = process.env.TIERLINE_SECRETS_KEY;
let resellerId: string;

beforeAll(async () => {
  process.env.TIERLINE_SECRETS_KEY = randomBytes(32).toString("base64");
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
  const [reseller] = await db().select().from(s.resellers).limit(1);
  resellerId = reseller!.id;
});

afterAll(() => {
  if (keyBefore === undefined) delete process.env.TIERLINE_SECRETS_KEY;
  else process.env.TIERLINE_SECRETS_KEY = keyBefore;
});

type TestUser = { id: string; email: string; role: Role };

/** A user of this test's own, so no test changes what another relies on. */
async function makeUser(role: Role = "finance"): Promise<TestUser> {
  const email = `${role}-${randomBytes(4).toString("hex")}@two-factor.example`;
  const [row] = await db()
    .insert(s.users)
    .values({
      email,
      name: `Test ${role}`,
      role,
      resellerId: role === "admin" || role === "finance" || role === "support" ? null : resellerId,
      passwordHash: await hashPassword(PASSWORD),
      emailVerifiedAt: new Date(),
    })
    .returning();
  return { id: row!.id, email, role };
}

/** Enrols and confirms at `at`; the secret as the app would hold it, and the recovery codes. */
async function enrol(user: TestUser, at: Date) {
  const enrolment = await beginEnrolment(db(), user, { password: PASSWORD }, at);
  const secret = enrolment.manualKey.replaceAll(" ", "");
  const { recoveryCodes } = await confirmEnrolment(db(), user, totpCode(secret, at), at);
  return { secret, recoveryCodes };
}

const seconds = (at: Date, n: number) => new Date(at.getTime() + n * 1000);
let address = 0;
const client = () => ({ address: `198.51.100.${++address}`, userAgent: "vitest" });

async function sessionsOf(userId: string) {
  return db().select().from(s.sessions).where(eq(s.sessions.userId, userId));
}

async function outboxTo(email: string) {
  return db()
    .select({ template: s.emailOutbox.template, text: s.emailOutbox.text })
    .from(s.emailOutbox)
    .where(eq(s.emailOutbox.to, email))
    .orderBy(desc(s.emailOutbox.createdAt));
}

async function auditOf(userId: string) {
  const rows = await db()
    .select({ action: s.auditLog.action })
    .from(s.auditLog)
    .where(and(eq(s.auditLog.entityType, "user"), eq(s.auditLog.entityId, userId)));
  return rows.map((r) => r.action);
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("enrolment", () => {
  it("starts only with the current password (a stolen session alone cannot link another phone), throttled", async () => {
    const user = await makeUser("owner");
    const at = new Date();
    const missing = await refusal(beginEnrolment(db(), user, {}, at));
    expect(missing.fieldErrors?.password).toEqual(["Enter your current password."]);
    const wrong = await refusal(beginEnrolment(db(), user, { password: "not-the-password" }, at));
    expect(wrong.fieldErrors?.password).toEqual(["This password is not correct."]);
    // A code is no proof here: nothing is enrolled yet, and the password field is what is asked for.
    const code = await refusal(beginEnrolment(db(), user, { code: "123456" } as { password?: string }, at));
    expect(code.fieldErrors?.password).toBeTruthy();
    const [untouched] = await db().select().from(s.users).where(eq(s.users.id, user.id));
    expect(untouched!.totpSecretEnc).toBeNull();
    expect(await auditOf(user.id)).not.toContain("auth.two_factor_enrolment_started");

    // The right password clears the run of failures (requireProof), so it starts.
    const enrolment = await beginEnrolment(db(), user, { password: PASSWORD }, at);
    expect(enrolment.manualKey).toBeTruthy();
    await cancelEnrolment(db(), user);

    // The same five-in-fifteen-minutes budget as codes: then even the right password waits.
    for (let i = 0; i < 5; i++) await refusal(beginEnrolment(db(), user, { password: `wrong-${i}` }, at));
    const locked = await refusal(beginEnrolment(db(), user, { password: PASSWORD }, at));
    expect(locked.code).toBe("rate_limited");
    expect(locked.message).toMatch(/Too many wrong attempts/);
  });

  it("stores the secret encrypted and off until the first code is confirmed, then shows ten recovery codes once", async () => {
    const user = await makeUser("owner");
    const at = new Date();
    const enrolment = await beginEnrolment(db(), user, { password: PASSWORD }, at);
    const secret = enrolment.manualKey.replaceAll(" ", "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(enrolment.uri).toContain("algorithm=SHA1&digits=6&period=30");
    expect(enrolment.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);

    const [pending] = await db().select().from(s.users).where(eq(s.users.id, user.id));
    expect(pending!.totpSecretEnc).toMatch(/^v1:/);
    expect(pending!.totpSecretEnc).not.toContain(secret);
    expect(pending!.totpEnabledAt).toBeNull();
    // Pending, and the key is not shown again (a session left open cannot read it and confirm it).
    const waiting = await twoFactorStatus(db(), user.id);
    expect(waiting.enrolmentPending).toBe(true);
    expect(JSON.stringify(waiting)).not.toContain(secret);

    const wrong = await refusal(confirmEnrolment(db(), user, "000000", at));
    expect(wrong.fieldErrors?.code?.[0]).toMatch(/not correct/);
    const previous = totpCode(secret, seconds(at, -120));
    expect((await refusal(confirmEnrolment(db(), user, previous, at))).code).toBe("validation");

    const { recoveryCodes } = await confirmEnrolment(db(), user, totpCode(secret, at), at);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const stored = await db()
      .select()
      .from(s.userRecoveryCodes)
      .where(eq(s.userRecoveryCodes.userId, user.id));
    expect(stored).toHaveLength(10);
    for (const row of stored)
      expect(recoveryCodes.map((c) => c.replace("-", ""))).not.toContain(row.codeHash);

    const status = await twoFactorStatus(db(), user.id);
    expect(status.enabledAt).toEqual(at);
    expect(status.enrolmentPending).toBe(false);
    expect(status.recoveryCodesLeft).toBe(10);
    expect(await auditOf(user.id)).toEqual(
      expect.arrayContaining(["auth.two_factor_enrolment_started", "auth.two_factor_enabled"]),
    );
    expect((await outboxTo(user.email)).map((m) => m.template)).toContain("two_factor_enabled");
    // A second enrolment while it is on is refused: turning it off comes first.
    expect((await refusal(beginEnrolment(db(), user, { password: PASSWORD }, at))).code).toBe("conflict");
  });

  it("an unconfirmed enrolment can be cancelled, and without TIERLINE_SECRETS_KEY none can start", async () => {
    const user = await makeUser("viewer");
    await beginEnrolment(db(), user, { password: PASSWORD }, new Date());
    await cancelEnrolment(db(), user);
    const [row] = await db().select().from(s.users).where(eq(s.users.id, user.id));
    expect(row!.totpSecretEnc).toBeNull();

    const key = process.env.TIERLINE_SECRETS_KEY;
    delete process.env.TIERLINE_SECRETS_KEY;
    try {
      const error = await refusal(beginEnrolment(db(), user, { password: PASSWORD }, new Date()));
      expect(error.message).toMatch(/TIERLINE_SECRETS_KEY/);
      expect((await twoFactorStatus(db(), user.id)).available).toBe(false);
    } finally {
      process.env.TIERLINE_SECRETS_KEY = key;
    }
  });
});

describe("codes", () => {
  it("accepts a code once: the same code again, or an earlier step's, is refused", async () => {
    const user = await makeUser("finance");
    const at = new Date();
    const { secret } = await enrol(user, at);
    // The confirming code's step is used up already.
    expect(await verifySecondFactor(db(), user.id, totpCode(secret, at), at)).toEqual({ ok: false });
    const later = seconds(at, 30);
    const code = totpCode(secret, later);
    expect(await verifySecondFactor(db(), user.id, code, later)).toEqual({ ok: true, method: "totp" });
    expect(await verifySecondFactor(db(), user.id, code, later)).toEqual({ ok: false });
    // Parallel use of one fresh code: exactly one passes.
    const next = seconds(at, 60);
    const fresh = totpCode(secret, next);
    const results = await Promise.all(
      [1, 2, 3].map(() => verifySecondFactor(db(), user.id, fresh.replace(/^(...)/, "$1 "), next)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // A code from two steps ago is outside the window.
    expect(await verifySecondFactor(db(), user.id, totpCode(secret, at), seconds(at, 120))).toEqual({
      ok: false,
    });
  });

  it("a recovery code works once, in any case and with or without its dash; the user is told", async () => {
    const user = await makeUser("billing");
    const at = new Date();
    const { recoveryCodes } = await enrol(user, at);
    const typed = ` ${recoveryCodes[3]!.toUpperCase().replace("-", " ")} `;
    expect(await verifySecondFactor(db(), user.id, typed, at)).toEqual({
      ok: true,
      method: "recovery_code",
      codesLeft: 9,
    });
    expect(await verifySecondFactor(db(), user.id, recoveryCodes[3]!, at)).toEqual({ ok: false });
    expect(await verifySecondFactor(db(), user.id, "abcde-fghjk", at)).toEqual({ ok: false });
    const mail = (await outboxTo(user.email)).find((m) => m.template === "recovery_code_used");
    expect(mail?.text).toContain("Recovery codes left: 9");
    expect(await auditOf(user.id)).toContain("auth.recovery_code_used");
  });

  it("regenerating replaces every recovery code and needs a code or the password", async () => {
    const user = await makeUser("owner");
    const at = new Date();
    const { recoveryCodes } = await enrol(user, at);
    const wrong = await refusal(regenerateRecoveryCodes(db(), user, { password: "not-the-password" }, at));
    expect(wrong.fieldErrors?.password).toBeTruthy();
    expect((await refusal(regenerateRecoveryCodes(db(), user, {}, at))).code).toBe("validation");
    const fresh = await regenerateRecoveryCodes(db(), user, { password: PASSWORD }, at);
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect(await verifySecondFactor(db(), user.id, recoveryCodes[0]!, at)).toEqual({ ok: false });
    expect((await verifySecondFactor(db(), user.id, fresh.recoveryCodes[0]!, at)).ok).toBe(true);
    expect(await auditOf(user.id)).toContain("auth.recovery_codes_regenerated");
  });

  it("turning it off needs a current code or the password, then clears the secret and the codes", async () => {
    const user = await makeUser("viewer");
    const at = new Date();
    const { secret } = await enrol(user, at);
    const wrong = await refusal(disableTwoFactor(db(), user, { code: "123456" }, seconds(at, 30)));
    expect(wrong.fieldErrors?.code).toBeTruthy();
    await disableTwoFactor(db(), user, { code: totpCode(secret, seconds(at, 30)) }, seconds(at, 30));
    const [row] = await db().select().from(s.users).where(eq(s.users.id, user.id));
    expect(row).toMatchObject({ totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null });
    expect(
      await db().select().from(s.userRecoveryCodes).where(eq(s.userRecoveryCodes.userId, user.id)),
    ).toHaveLength(0);
    expect((await outboxTo(user.email)).map((m) => m.template)).toContain("two_factor_disabled");
    expect(await auditOf(user.id)).toContain("auth.two_factor_disabled");
    // Signing in is back to the password alone.
    const result = await signInWithPassword(db(), { email: user.email, password: PASSWORD }, client());
    expect(result.ok).toBe(true);
  });
});

describe("sign-in with two-factor", () => {
  it("the right password opens no session: the code step does, once, with a single-use token", async () => {
    const user = await makeUser("owner");
    const at = new Date();
    const { secret } = await enrol(user, at);
    const before = (await sessionsOf(user.id)).length;

    const first = await signInWithPassword(db(), { email: user.email, password: PASSWORD }, client());
    expect(first).toMatchObject({ ok: false, reason: "two_factor" });
    if (first.ok || first.reason !== "two_factor") return;
    expect(await sessionsOf(user.id)).toHaveLength(before);
    const [token] = await db()
      .select()
      .from(s.userTokens)
      .where(and(eq(s.userTokens.userId, user.id), eq(s.userTokens.purpose, "two_factor")));
    expect(token!.tokenHash).not.toBe(first.token);
    expect(token!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(5 * 60_000);

    // A wrong password never reaches the code step.
    expect(
      await signInWithPassword(db(), { email: user.email, password: "wrong-password-1" }, client()),
    ).toEqual({ ok: false, reason: "invalid" });

    // A wrong code is refused and leaves the token open for another try.
    const later = seconds(at, 30);
    expect(await signInWithSecondFactor(db(), { token: first.token, code: "000000" }, { at: later })).toEqual(
      {
        ok: false,
        reason: "invalid",
      },
    );
    const signedIn = await signInWithSecondFactor(
      db(),
      { token: first.token, code: totpCode(secret, later) },
      { at: later, userAgent: "vitest" },
    );
    expect(signedIn.ok).toBe(true);
    expect(await sessionsOf(user.id)).toHaveLength(before + 1);
    // The token is spent: a second session cannot come from it, even with a fresh code.
    const again = seconds(at, 60);
    expect(
      await signInWithSecondFactor(
        db(),
        { token: first.token, code: totpCode(secret, again) },
        { at: again },
      ),
    ).toEqual({ ok: false, reason: "expired" });

    // The next sign-in cannot replay the code just used.
    const second = await signInWithPassword(db(), { email: user.email, password: PASSWORD }, client());
    if (second.ok || second.reason !== "two_factor") throw new Error("expected the code step");
    expect(
      await signInWithSecondFactor(
        db(),
        { token: second.token, code: totpCode(secret, later) },
        { at: later },
      ),
    ).toEqual({ ok: false, reason: "invalid" });
    const audit = await db()
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entityId, user.id), eq(s.auditLog.action, "auth.sign_in")));
    expect(audit.map((a) => a.data)).toContainEqual({ secondFactor: "totp" });
  });

  it("a recovery code signs in once", async () => {
    const user = await makeUser("billing");
    const at = new Date();
    const { recoveryCodes } = await enrol(user, at);
    const start = async () => {
      const r = await signInWithPassword(db(), { email: user.email, password: PASSWORD }, client());
      if (r.ok || r.reason !== "two_factor") throw new Error("expected the code step");
      return r.token;
    };
    const first = await signInWithSecondFactor(
      db(),
      { token: await start(), code: recoveryCodes[0]! },
      { at },
    );
    expect(first.ok).toBe(true);
    const second = await signInWithSecondFactor(
      db(),
      { token: await start(), code: recoveryCodes[0]! },
      { at },
    );
    expect(second).toEqual({ ok: false, reason: "invalid" });
  });

  it("five wrong codes lock the code step for the account, even for the right code and a new token", async () => {
    const user = await makeUser("finance");
    const at = new Date();
    const { secret } = await enrol(user, at);
    const start = async () => {
      const r = await signInWithPassword(db(), { email: user.email, password: PASSWORD }, client());
      if (r.ok || r.reason !== "two_factor") throw new Error("expected the code step");
      return r.token;
    };
    const token = await start();
    const later = seconds(at, 30);
    // Parallel guesses cannot outrun the limit: five are checked, the rest are refused unchecked.
    const guesses = await Promise.all(
      ["111111", "222222", "333333", "444444", "555555", "666666", "777777"].map((code) =>
        signInWithSecondFactor(db(), { token, code }, { at: later }),
      ),
    );
    expect(guesses.filter((g) => !g.ok && g.reason === "invalid")).toHaveLength(5);
    expect(guesses.filter((g) => !g.ok && g.reason === "locked")).toHaveLength(2);
    const right = await signInWithSecondFactor(
      db(),
      { token: await start(), code: totpCode(secret, later) },
      { at: later },
    );
    expect(right).toMatchObject({ ok: false, reason: "locked" });
    if (!right.ok && right.reason === "locked") expect(right.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(await sessionsOf(user.id)).toHaveLength(0);
  });

  it("a sign-in link does not get past two-factor; an unknown token is refused", async () => {
    const user = await makeUser("viewer");
    await enrol(user, new Date());
    const link = await issueUserToken(db(), user.id, "sign_in", 2);
    expect(await signInWithOneTimeToken(db(), { token: link })).toEqual({ ok: false, reason: "invalid" });
    expect(
      await signInWithSecondFactor(
        db(),
        { token: randomBytes(32).toString("base64url"), code: "123456" },
        {},
      ),
    ).toEqual({ ok: false, reason: "expired" });
  });
});

describe("staff requirement", () => {
  async function signInAs(user: TestUser) {
    const [row] = await db()
      .insert(s.sessions)
      .values({ userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) })
      .returning();
    session.current = { userId: user.id, sessionId: row!.id };
  }

  const redirectOf = (error: unknown) => String((error as { digest?: string }).digest ?? "");

  it("sends staff without two-factor to enrol before any back-office page or action, and keeps them from turning it off", async () => {
    const admin = await makeUser("admin");
    const support = await makeUser("support");
    const owner = await makeUser("owner");
    const enrolled = await makeUser("finance");
    const at = new Date();
    const { secret } = await enrol(enrolled, at);

    expect(await setStaffTwoFactorRequirement(db(), { userId: admin.id, label: admin.email }, true)).toBe(
      true,
    );
    try {
      await signInAs(support);
      const page = await requirePageUser("admin:read", "/admin").then(
        () => null,
        (e: unknown) => e,
      );
      expect(redirectOf(page)).toContain("/account/security?required=staff");
      expect((await refusal(requireUser("admin:read"))).code).toBe("forbidden");
      // The enrolment page itself stays reachable.
      expect((await requireAccountPageUser("/account/security")).id).toBe(support.id);

      // Reseller users are not affected; enrolled staff go on.
      await signInAs(owner);
      expect((await requirePageUser("portal:read")).id).toBe(owner.id);
      await signInAs(enrolled);
      expect((await requirePageUser("admin:read")).id).toBe(enrolled.id);
      expect((await requireUser("admin:read")).twoFactorEnabled).toBe(true);

      const refused = await refusal(
        disableTwoFactor(db(), enrolled, { code: totpCode(secret, seconds(at, 30)) }, seconds(at, 30)),
      );
      expect(refused.code).toBe("forbidden");
      expect((await twoFactorStatus(db(), enrolled.id)).required).toBe(true);

      const [audit] = await db()
        .select()
        .from(s.auditLog)
        .where(eq(s.auditLog.action, "settings.staff_two_factor_changed"))
        .orderBy(desc(s.auditLog.id))
        .limit(1);
      expect(audit?.data).toEqual({
        before: { requireStaffTwoFactor: false },
        after: { requireStaffTwoFactor: true },
      });
    } finally {
      await setStaffTwoFactorRequirement(db(), { userId: admin.id, label: admin.email }, false);
      session.current = null;
    }
    await signInAs(support);
    expect((await requirePageUser("admin:read")).id).toBe(support.id);
    session.current = null;
  });

  it("staff whose two-factor an administrator reset sign in with the password, then are sent to enrol again", async () => {
    const admin = await makeUser("admin");
    const finance = await makeUser("finance");
    const at = new Date();
    await enrol(finance, at);
    await signInAs(finance);
    const staffActor = { userId: admin.id, label: admin.email };
    await setStaffTwoFactorRequirement(db(), staffActor, true);
    try {
      // Only the distributor's administrator, in the staff scope.
      const support = await makeUser("support");
      expect(
        (
          await refusal(
            resetTwoFactor(
              db(),
              { resellerId: null },
              finance.id,
              { userId: support.id, label: support.email },
              at,
            ),
          )
        ).code,
      ).toBe("forbidden");
      const reset = await resetTwoFactor(db(), { resellerId: null }, finance.id, staffActor, at);
      expect(reset).toMatchObject({ mustEnrolAgain: true, sessionsEnded: 1 });
      expect((await twoFactorStatus(db(), finance.id)).enabledAt).toBeNull();
      const mail = (await outboxTo(finance.email)).find((m) => m.template === "two_factor_reset");
      expect(mail?.text).toContain(`(${admin.email}) reset two-factor sign-in`);
      expect(mail?.text).toContain("asked to set up two-factor sign-in again");

      // The old session is over: the guard finds no user for it.
      const ended = await requirePageUser("admin:read", "/admin").then(
        () => null,
        (e: unknown) => e,
      );
      expect(redirectOf(ended)).toContain("/login");

      // The password alone signs in (no code step) …
      const signedIn = await signInWithPassword(db(), { email: finance.email, password: PASSWORD }, client());
      expect(signedIn.ok).toBe(true);
      // … and the guard sends them to set it up before any back-office page or action.
      await signInAs(finance);
      const page = await requirePageUser("admin:read", "/admin").then(
        () => null,
        (e: unknown) => e,
      );
      expect(redirectOf(page)).toContain("/account/security?required=staff");
      expect((await refusal(requireUser("admin:read"))).code).toBe("forbidden");
      expect((await requireAccountPageUser("/account/security")).id).toBe(finance.id);
    } finally {
      await setStaffTwoFactorRequirement(db(), staffActor, false);
      session.current = null;
    }
  });

  it("cannot be required without TIERLINE_SECRETS_KEY (staff could never enrol)", async () => {
    const key = process.env.TIERLINE_SECRETS_KEY;
    delete process.env.TIERLINE_SECRETS_KEY;
    try {
      const error = await refusal(setStaffTwoFactorRequirement(db(), { userId: null, label: "test" }, true));
      expect(error.message).toMatch(/TIERLINE_SECRETS_KEY/);
    } finally {
      process.env.TIERLINE_SECRETS_KEY = key;
    }
  });
});
