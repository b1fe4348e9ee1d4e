import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { signInWithPassword } from "@/lib/auth/credentials";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { deliverQueuedEmails } from "@/lib/email/deliver";

const db = () => globalThis.testDb.db;

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
});

describe("password sign-in", () => {
  it("signs in a seeded reseller owner with role and reseller, and opens a session row", async () => {
    const result = await signInWithPassword(db(), {
      email: "OWNER@northwind.example",
      password: "owner-demo-2026",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.user.role).toBe("owner");
    expect(result.user.resellerId).toBeTruthy();
    const [session] = await db().select().from(s.sessions).where(eq(s.sessions.id, result.user.sessionId));
    expect(session?.revokedAt).toBeNull();
  });

  it("refuses a wrong password without saying whether the account exists", async () => {
    expect(
      await signInWithPassword(db(), { email: "owner@northwind.example", password: "wrong-password-1" }),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(
      await signInWithPassword(db(), { email: "nobody@example.com", password: "wrong-password-1" }),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("locks an email after five failures, even for the right password", async () => {
    const email = "viewer@northwind.example";
    for (let i = 0; i < 5; i++) await signInWithPassword(db(), { email, password: `nope-${i}-xxxxx` });
    const locked = await signInWithPassword(db(), { email, password: "viewer-demo-2026" });
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    // Another account is unaffected.
    expect(
      (await signInWithPassword(db(), { email: "billing@northwind.example", password: "billing-demo-2026" }))
        .ok,
    ).toBe(true);
  });

  it("refuses a disabled account", async () => {
    await db()
      .update(s.users)
      .set({ disabledAt: new Date() })
      .where(eq(s.users.email, "support@skyline.example"));
    expect(
      await signInWithPassword(db(), { email: "support@skyline.example", password: "support-demo-2026" }),
    ).toEqual({
      ok: false,
      reason: "disabled",
    });
  });
});

describe("password reset through the outbox", () => {
  it("emails a single-use link that sets a new password and signs out other sessions", async () => {
    const email = "owner@thames.example";
    const before = await signInWithPassword(db(), { email, password: "owner-demo-2026" });
    expect(before.ok).toBe(true);

    await requestPasswordReset(db(), email, "http://app.test");
    const [mail] = await db().select().from(s.emailOutbox).where(eq(s.emailOutbox.to, email));
    expect(mail?.subject).toMatch(/Reset your Skyline Distribution password/);
    const token = /token=([\w-]+)/.exec(mail!.text)?.[1];
    expect(token).toBeTruthy();

    // Without SMTP_URL the email stays readable in the outbox as "logged".
    await deliverQueuedEmails(db());
    const [delivered] = await db().select().from(s.emailOutbox).where(eq(s.emailOutbox.id, mail!.id));
    expect(delivered?.status).toBe("logged");

    await resetPassword(db(), { token: token!, password: "a-new-Passw0rd", confirm: "a-new-Passw0rd" });
    expect((await signInWithPassword(db(), { email, password: "owner-demo-2026" })).ok).toBe(false);
    expect((await signInWithPassword(db(), { email, password: "a-new-Passw0rd" })).ok).toBe(true);

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

  it("queues nothing for an unknown email", async () => {
    const before = (await db().select().from(s.emailOutbox)).length;
    await requestPasswordReset(db(), "ghost@example.com", "http://app.test");
    expect((await db().select().from(s.emailOutbox)).length).toBe(before);
  });
});
