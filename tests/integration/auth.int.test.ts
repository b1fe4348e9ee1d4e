import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { signInWithPassword } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { listSignInLocks, unlockSignIn } from "@/lib/auth/throttle";
import { deliverQueuedEmails } from "@/lib/email/deliver";

const db = () => globalThis.testDb.db;
/** The address most tests sign in from; attack tests use their own. */
const here = { address: "192.0.2.1" };

/** A user of this test's own, so no test changes what another relies on. */
async function makeUser(email: string, password: string): Promise<void> {
  await db()
    .insert(s.users)
    .values({
      email,
      name: email,
      role: "finance",
      passwordHash: await hashPassword(password),
      emailVerifiedAt: new Date(),
    });
}

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
});

describe("password sign-in", () => {
  it("signs in a seeded reseller owner with role and reseller, and opens a session row", async () => {
    const result = await signInWithPassword(
      db(),
      {
        email: "OWNER@northwind.example",
        password: "owner-demo-2026",
      },
      here,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.user.role).toBe("owner");
    expect(result.user.resellerId).toBeTruthy();
    const [session] = await db().select().from(s.sessions).where(eq(s.sessions.id, result.user.sessionId));
    expect(session?.revokedAt).toBeNull();
  });

  it("refuses a wrong password without saying whether the account exists", async () => {
    expect(
      await signInWithPassword(
        db(),
        { email: "owner@northwind.example", password: "wrong-password-1" },
        here,
      ),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(
      await signInWithPassword(db(), { email: "nobody@example.com", password: "wrong-password-1" }, here),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("locks an email after five failures from an address, even for the right password", async () => {
    const email = "viewer@northwind.example";
    for (let i = 0; i < 5; i++) await signInWithPassword(db(), { email, password: `nope-${i}-xxxxx` }, here);
    const locked = await signInWithPassword(db(), { email, password: "viewer-demo-2026" }, here);
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    // Another account is unaffected.
    expect(
      (
        await signInWithPassword(
          db(),
          { email: "billing@northwind.example", password: "billing-demo-2026" },
          here,
        )
      ).ok,
    ).toBe(true);
  });

  it("checks at most five of 50 parallel wrong guesses (the count is taken before the password is checked)", async () => {
    const email = "owner@harbour.example";
    await db().insert(s.users).values({ email, name: "Harbour", role: "admin", passwordHash: "x" });
    const attacker = { address: "198.51.100.1" };
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        signInWithPassword(db(), { email, password: `guess-${i}-xxxx` }, attacker),
      ),
    );
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(results.filter((r) => !r.ok && r.reason === "locked")).toHaveLength(50 - checked);
  });

  it("limits one address across accounts (password spraying), and no one else", async () => {
    const sprayer = { address: "198.51.100.2" };
    const accounts = Array.from({ length: 8 }, (_, i) => `spray-${i}@example.com`);
    const outcomes: string[] = [];
    for (let round = 0; round < 5; round++)
      for (const email of accounts) {
        const r = await signInWithPassword(db(), { email, password: `round-${round}-xxxxx` }, sprayer);
        outcomes.push(r.ok ? "ok" : r.reason);
      }
    expect(outcomes.filter((o) => o === "invalid")).toHaveLength(20);
    expect(outcomes.filter((o) => o === "locked")).toHaveLength(20);
    // A fresh account from the same address is refused too; the same account from elsewhere is not.
    expect(
      await signInWithPassword(
        db(),
        { email: "finance@skyline.example", password: "finance-demo-2026" },
        sprayer,
      ),
    ).toMatchObject({ ok: false, reason: "locked" });
    expect(
      (
        await signInWithPassword(
          db(),
          { email: "finance@skyline.example", password: "finance-demo-2026" },
          here,
        )
      ).ok,
    ).toBe(true);
  });

  it("five wrong passwords from one address do not lock the owner out from another", async () => {
    const email = "admin@skyline.example";
    const attacker = { address: "198.51.100.3" };
    for (let i = 0; i < 5; i++)
      await signInWithPassword(db(), { email, password: `nope-${i}-xxxxx` }, attacker);
    expect(await signInWithPassword(db(), { email, password: "admin-demo-2026" }, attacker)).toMatchObject({
      ok: false,
      reason: "locked",
    });
    expect((await signInWithPassword(db(), { email, password: "admin-demo-2026" }, here)).ok).toBe(true);
  });

  it("locks an account guessed at from many addresses, shows the lock, and an admin unlocks it", async () => {
    const email = "guessed@example.com";
    await makeUser(email, "billing-demo-2026");
    for (let i = 0; i < 50; i++)
      await signInWithPassword(
        db(),
        { email, password: `nope-${i}-xxxxx` },
        { address: `203.0.113.${i + 1}` },
      );
    expect(
      await signInWithPassword(db(), { email, password: "billing-demo-2026" }, { address: "192.0.2.99" }),
    ).toMatchObject({ ok: false, reason: "locked" });
    const locks = await listSignInLocks(db());
    expect(locks).toContainEqual(expect.objectContaining({ email, scope: "account" }));
    await unlockSignIn(db(), email);
    expect((await listSignInLocks(db())).some((l) => l.email === email)).toBe(false);
    expect(
      (await signInWithPassword(db(), { email, password: "billing-demo-2026" }, { address: "192.0.2.99" }))
        .ok,
    ).toBe(true);
  });

  it("a successful sign-in ends a run of failures from that address", async () => {
    const email = "owner@thames.example";
    const from = { address: "192.0.2.7" };
    for (let i = 0; i < 4; i++) await signInWithPassword(db(), { email, password: `nope-${i}-xxxxx` }, from);
    expect((await signInWithPassword(db(), { email, password: "owner-demo-2026" }, from)).ok).toBe(true);
    for (let i = 0; i < 4; i++)
      expect(await signInWithPassword(db(), { email, password: `again-${i}-xxxxx` }, from)).toMatchObject({
        reason: "invalid",
      });
  });

  it("refuses a disabled account", async () => {
    await db()
      .update(s.users)
      .set({ disabledAt: new Date() })
      .where(eq(s.users.email, "support@skyline.example"));
    expect(
      await signInWithPassword(
        db(),
        { email: "support@skyline.example", password: "support-demo-2026" },
        here,
      ),
    ).toEqual({
      ok: false,
      reason: "disabled",
    });
  });
});

describe("password reset through the outbox", () => {
  it("emails a single-use link that sets a new password and signs out other sessions", async () => {
    const email = "owner@thames.example";
    const before = await signInWithPassword(db(), { email, password: "owner-demo-2026" }, here);
    expect(before.ok).toBe(true);

    await requestPasswordReset(db(), email, { appUrl: "http://app.test", address: "192.0.2.50" });
    const [mail] = await db().select().from(s.emailOutbox).where(eq(s.emailOutbox.to, email));
    expect(mail?.subject).toMatch(/Reset your Skyline Distribution password/);
    const token = /token=([\w-]+)/.exec(mail!.text)?.[1];
    expect(token).toBeTruthy();

    // Without SMTP_URL the email stays readable in the outbox as "logged".
    await deliverQueuedEmails(db());
    const [delivered] = await db().select().from(s.emailOutbox).where(eq(s.emailOutbox.id, mail!.id));
    expect(delivered?.status).toBe("logged");

    await resetPassword(db(), { token: token!, password: "a-new-Passw0rd", confirm: "a-new-Passw0rd" });
    expect((await signInWithPassword(db(), { email, password: "owner-demo-2026" }, here)).ok).toBe(false);
    expect((await signInWithPassword(db(), { email, password: "a-new-Passw0rd" }, here)).ok).toBe(true);

    const user = (await db().select().from(s.users).where(eq(s.users.email, email)))[0]!;
    const open = await db()
      .select()
      .from(s.sessions)
      .where(and(eq(s.sessions.userId, user.id), isNull(s.sessions.revokedAt)));
    expect(open).toHaveLength(1); // only the sign-in after the reset

    await expect(
      resetPassword(db(), { token: token!, password: "another-Passw0rd", confirm: "another-Passw0rd" }),
    ).rejects.toThrow(/expired or was already used/);
  });

  it("voids every other reset link of the user once one is used", async () => {
    const email = "resets-twice@example.com";
    await makeUser(email, "first-Passw0rd-1");
    const tokens: string[] = [];
    for (let i = 0; i < 2; i++) {
      await requestPasswordReset(db(), email, { appUrl: "http://app.test", address: "192.0.2.51" });
      const mails = await db().select().from(s.emailOutbox).where(eq(s.emailOutbox.to, email));
      tokens.push(/token=([\w-]+)/.exec(mails.at(-1)!.text)![1]!);
    }
    expect(tokens[0]).not.toBe(tokens[1]);
    await resetPassword(db(), { token: tokens[1]!, password: "newest-Passw0rd", confirm: "newest-Passw0rd" });
    await expect(
      resetPassword(db(), { token: tokens[0]!, password: "older-Passw0rd1", confirm: "older-Passw0rd1" }),
    ).rejects.toThrow(/expired or was already used/);
  });

  it("builds the link on the given app URL and hides the token from the back office's copy", async () => {
    const email = "owner@northwind.example";
    await requestPasswordReset(db(), email, {
      appUrl: "https://portal.skyline.example",
      address: "192.0.2.52",
    });
    const mails = await db().select().from(s.emailOutbox).where(eq(s.emailOutbox.to, email));
    const mail = mails.at(-1)!;
    const token = /reset-password\?token=([\w-]+)/.exec(mail.text)![1]!;
    expect(mail.text).toContain(`https://portal.skyline.example/reset-password?token=${token}`);
    expect(mail.displayText).not.toContain(token);
    expect(mail.hiddenSecrets).toBe(1);
  });

  it("limits reset emails per email and per address, whether or not the account exists", async () => {
    const from = { appUrl: "http://app.test", address: "192.0.2.60" };
    for (const email of ["billing@northwind.example", "ghost-2@example.com"]) {
      for (let i = 0; i < 3; i++) await requestPasswordReset(db(), email, from);
      await expect(requestPasswordReset(db(), email, from)).rejects.toThrow(/Too many reset requests/);
    }
    const spray = { appUrl: "http://app.test", address: "192.0.2.61" };
    for (let i = 0; i < 10; i++) await requestPasswordReset(db(), `ghost-s${i}@example.com`, spray);
    await expect(requestPasswordReset(db(), "ghost-s10@example.com", spray)).rejects.toThrow(/Too many/);
  });

  it("queues nothing for an unknown email", async () => {
    const before = (await db().select().from(s.emailOutbox)).length;
    await requestPasswordReset(db(), "ghost@example.com", {
      appUrl: "http://app.test",
      address: "192.0.2.50",
    });
    expect((await db().select().from(s.emailOutbox)).length).toBe(before);
  });
});
