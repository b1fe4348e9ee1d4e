import { randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { signInWithPassword } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { beginEnrolment, confirmEnrolment } from "@/lib/auth/two-factor";
import { totpCode } from "@/lib/auth/two-factor/totp";
import { createByHand } from "@/lib/resellers/test-support";
import {
  acceptInvitation,
  acceptInvitationSchema,
  cancelInvitation,
  changeRole,
  describeInvitation,
  inviteMember,
  inviteMemberSchema,
  listMembers,
  removeMember,
  resendInvitation,
  resetTwoFactor,
  runTeamOperation,
  type TeamScope,
  teamOperationSchema,
  transferOwnership,
} from "./index";

const db = () => globalThis.testDb.db;
const mail = { appUrl: "https://portal.example" };
const PASSWORD = "team-Passw0rd-2026";
/** Tokens are checked against the real clock (lib/auth/tokens), so the services get the real one too. */
const now = () => new Date();
const client = { address: "192.0.2.77" };

type Team = { scope: TeamScope; resellerId: string; owner: { userId: string; label: string; email: string } };

const keyBefore = process.env.TIERLINE_SECRETS_KEY;

beforeAll(async () => {
  // Members enrol in two-factor sign-in for the reset tests: its secrets need a key.
  process.env.TIERLINE_SECRETS_KEY = randomBytes(32).toString("base64");
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
});

afterAll(() => {
  if (keyBefore === undefined) delete process.env.TIERLINE_SECRETS_KEY;
  else process.env.TIERLINE_SECRETS_KEY = keyBefore;
});

/** A reseller of the test's own (created by hand, as the back office does) whose owner has signed up. */
async function makeTeam(): Promise<Team> {
  const made = await createByHand(db(), "2026-11-24");
  await db()
    .update(s.users)
    .set({ passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() })
    .where(eq(s.users.id, made.ownerId));
  return {
    scope: { resellerId: made.resellerId },
    resellerId: made.resellerId,
    owner: { userId: made.ownerId, label: made.email, email: made.email },
  };
}

const invite = (email: string, name: string, role: string) => inviteMemberSchema.parse({ email, name, role });

/** The token of the newest invitation emailed to `email`, read from the outbox's full text. */
async function invitationToken(email: string): Promise<string> {
  const [row] = await db()
    .select()
    .from(s.emailOutbox)
    .where(and(eq(s.emailOutbox.to, email), eq(s.emailOutbox.template, "team_invitation")))
    .orderBy(desc(s.emailOutbox.createdAt));
  const token = /\/invitation\?token=([\w-]+)/.exec(row?.text ?? "")?.[1];
  if (!token) throw new Error(`no invitation for ${email}`);
  return token;
}

async function accept(token: string) {
  return acceptInvitation(
    db(),
    acceptInvitationSchema.parse({ token, password: PASSWORD, confirm: PASSWORD }),
    now(),
  );
}

/** A member who accepted an invitation, ready to sign in. */
async function addMember(
  team: Team,
  role: "owner" | "billing" | "viewer",
): Promise<{ id: string; email: string }> {
  const email = `${role}-${randomUUID().slice(0, 8)}@team.example`;
  const { userId } = await inviteMember(
    db(),
    team.scope,
    invite(email, `${role} person`, role),
    team.owner,
    now(),
    mail,
  );
  await accept(await invitationToken(email));
  return { id: userId, email };
}

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await db()
    .select({ action: s.auditLog.action })
    .from(s.auditLog)
    .where(eq(s.auditLog.entityId, entityId))
    .orderBy(s.auditLog.id);
  return rows.map((r) => r.action);
}

async function userRow(id: string) {
  const [row] = await db().select().from(s.users).where(eq(s.users.id, id));
  return row;
}

describe(`teams on ${process.env.TEST_ENGINE}`, () => {
  it("invites a colleague, who accepts the emailed link, chooses a password and signs in", async () => {
    const team = await makeTeam();
    const email = `Bea-${randomUUID().slice(0, 8)}@Team.example`;
    const invited = await inviteMember(
      db(),
      team.scope,
      invite(email, "Bea Billing", "billing"),
      team.owner,
      now(),
      mail,
    );
    const lower = email.toLowerCase();
    const [outbox] = await db().select().from(s.emailOutbox).where(eq(s.emailOutbox.to, lower));
    expect(outbox?.subject).toMatch(/^Olive Owner invited you to Hand Made \w+ on /);
    expect(outbox?.text).toContain(`Olive Owner (${team.owner.email}) invited you to join Hand Made`);
    expect(outbox?.text).toContain("as Billing");
    expect(outbox?.text).toMatch(/The link works once, until .+ UTC \(7 days\)/);
    // The back office's copy hides the link's token.
    const token = await invitationToken(lower);
    expect(outbox?.displayText).not.toContain(token);
    expect(invited.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    const [pending] = (await listMembers(db(), team.scope)).filter((m) => m.id === invited.userId);
    expect(pending).toMatchObject({ status: "invited", role: "billing", invitedByName: "Olive Owner" });
    expect(pending?.invitationExpiresAt?.getTime()).toBe(invited.expiresAt.getTime());
    // No password yet: nothing signs in.
    expect(await signInWithPassword(db(), { email: lower, password: PASSWORD }, client)).toMatchObject({
      ok: false,
    });

    expect(await describeInvitation(db(), token)).toMatchObject({
      email: lower,
      role: "billing",
      invitedBy: "Olive Owner",
      company: expect.stringMatching(/^Hand Made/),
    });
    expect(await accept(token)).toMatchObject({ email: lower });
    const signedIn = await signInWithPassword(db(), { email: lower, password: PASSWORD }, client);
    expect(signedIn).toMatchObject({ ok: true, user: { role: "billing", resellerId: team.resellerId } });
    expect((await userRow(invited.userId))?.emailVerifiedAt).not.toBeNull();
    // The link works once.
    await expect(accept(token)).rejects.toMatchObject({
      code: "validation",
      message: /expired|already used/,
    });
    expect(await describeInvitation(db(), token)).toBeNull();
    const [member] = (await listMembers(db(), team.scope)).filter((m) => m.id === invited.userId);
    expect(member).toMatchObject({ status: "active", invitationExpiresAt: null });
    expect(member?.lastSignInAt).not.toBeNull();
    expect(await auditActions(invited.userId)).toEqual(
      expect.arrayContaining(["team.member_invited", "team.invitation_accepted", "auth.sign_in"]),
    );
  });

  it("refuses an email with an account; inviting a pending one again sends a new link and voids the old", async () => {
    const team = await makeTeam();
    const other = await makeTeam();
    for (const email of [team.owner.email, other.owner.email, "admin@skyline.example"]) {
      await expect(
        inviteMember(db(), team.scope, invite(email, "Someone", "viewer"), team.owner, now(), mail),
      ).rejects.toMatchObject({
        code: "validation",
        fieldErrors: { email: [expect.stringMatching(/already/)] },
      });
    }
    await expect(
      inviteMember(db(), team.scope, invite("x@team.example", "X", "finance"), team.owner, now(), mail),
    ).rejects.toMatchObject({ fieldErrors: { role: ["Choose Owner, Billing, Viewer."] } });

    const email = `vic-${randomUUID().slice(0, 8)}@team.example`;
    const first = await inviteMember(
      db(),
      team.scope,
      invite(email, "Vic", "viewer"),
      team.owner,
      now(),
      mail,
    );
    const oldToken = await invitationToken(email);
    const again = await inviteMember(
      db(),
      team.scope,
      invite(email, "Vic Viewer", "billing"),
      team.owner,
      now(),
      mail,
    );
    expect(again).toMatchObject({ userId: first.userId, resent: true });
    const newToken = await invitationToken(email);
    expect(newToken).not.toBe(oldToken);
    expect(await describeInvitation(db(), oldToken)).toBeNull();
    await expect(accept(oldToken)).rejects.toMatchObject({ code: "validation" });
    expect(await userRow(first.userId)).toMatchObject({ name: "Vic Viewer", role: "billing" });

    await resendInvitation(db(), team.scope, { userId: first.userId }, team.owner, now(), mail);
    expect(await describeInvitation(db(), newToken)).toBeNull();
    await accept(await invitationToken(email));
    await expect(
      resendInvitation(db(), team.scope, { userId: first.userId }, team.owner, now(), mail),
    ).rejects.toMatchObject({ code: "conflict", message: /already accepted/ });
    expect(await auditActions(first.userId)).toEqual([
      "team.member_invited",
      "team.invitation_resent",
      "team.invitation_resent",
      "team.invitation_accepted",
    ]);
  });

  it("withdraws a pending invitation: its link stops working and the email can be invited again", async () => {
    const team = await makeTeam();
    const email = `wen-${randomUUID().slice(0, 8)}@team.example`;
    const { userId } = await inviteMember(
      db(),
      team.scope,
      invite(email, "Wen", "viewer"),
      team.owner,
      now(),
      mail,
    );
    const token = await invitationToken(email);
    await cancelInvitation(db(), team.scope, { userId }, team.owner, now());
    expect(await userRow(userId)).toBeUndefined();
    await expect(accept(token)).rejects.toMatchObject({ code: "validation" });
    const [audit] = await db()
      .select()
      .from(s.auditLog)
      .where(eq(s.auditLog.entityId, userId))
      .orderBy(desc(s.auditLog.id));
    expect(audit).toMatchObject({ action: "team.invitation_cancelled", resellerId: team.resellerId });
    const again = await inviteMember(
      db(),
      team.scope,
      invite(email, "Wen", "viewer"),
      team.owner,
      now(),
      mail,
    );
    expect(again.resent).toBe(false);
  });

  it("changes a member's role, audited; nobody changes their own", async () => {
    const team = await makeTeam();
    const member = await addMember(team, "billing");
    expect(
      await changeRole(db(), team.scope, { userId: member.id, role: "viewer" }, team.owner, now()),
    ).toEqual({ changed: true, name: "billing person" });
    expect((await userRow(member.id))?.role).toBe("viewer");
    const [audit] = await db()
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entityId, member.id), eq(s.auditLog.action, "team.role_changed")));
    expect(audit).toMatchObject({ actorUserId: team.owner.userId, resellerId: team.resellerId });
    expect(audit?.data).toMatchObject({ before: { role: "billing" }, after: { role: "viewer" } });
    await expect(
      changeRole(db(), team.scope, { userId: team.owner.userId, role: "viewer" }, team.owner, now()),
    ).rejects.toMatchObject({ code: "conflict", message: /your own role/ });
    await expect(
      changeRole(db(), team.scope, { userId: member.id, role: "support" }, team.owner, now()),
    ).rejects.toMatchObject({ code: "validation" });
  });

  it("removes a member: the account is disabled, its sessions end and it cannot sign in", async () => {
    const team = await makeTeam();
    const member = await addMember(team, "viewer");
    const signedIn = await signInWithPassword(db(), { email: member.email, password: PASSWORD }, client);
    expect(signedIn.ok).toBe(true);
    expect(await removeMember(db(), team.scope, { userId: member.id }, team.owner, now())).toMatchObject({
      sessionsEnded: 1,
    });
    expect((await userRow(member.id))?.disabledAt).not.toBeNull();
    const open = await db().select().from(s.sessions).where(eq(s.sessions.userId, member.id));
    expect(open.every((row) => row.revokedAt !== null)).toBe(true);
    expect(await signInWithPassword(db(), { email: member.email, password: PASSWORD }, client)).toEqual({
      ok: false,
      reason: "disabled",
    });
    expect((await listMembers(db(), team.scope)).find((m) => m.id === member.id)?.status).toBe("disabled");
    expect(await auditActions(member.id)).toContain("team.member_removed");
    await expect(
      removeMember(db(), team.scope, { userId: team.owner.userId }, team.owner, now()),
    ).rejects.toMatchObject({ code: "conflict", message: /remove yourself/ });

    // Invited back, the removed member starts over: a new password through a new link.
    await inviteMember(
      db(),
      team.scope,
      invite(member.email, "Back Again", "billing"),
      team.owner,
      now(),
      mail,
    );
    expect(await userRow(member.id)).toMatchObject({ disabledAt: null, passwordHash: null, role: "billing" });
    await accept(await invitationToken(member.email));
    expect((await signInWithPassword(db(), { email: member.email, password: PASSWORD }, client)).ok).toBe(
      true,
    );
  });

  it("never leaves a company without an owner: the database refuses, and the message says what to do", async () => {
    const team = await makeTeam();
    // Someone other than the owner acts (the owner cannot act on themselves): only the database stops it.
    const someone = { userId: null, label: "admin@test" };
    await expect(
      changeRole(db(), team.scope, { userId: team.owner.userId, role: "billing" }, someone, now()),
    ).rejects.toMatchObject({ code: "conflict", message: /must keep at least one active owner/ });
    await expect(
      removeMember(db(), team.scope, { userId: team.owner.userId }, someone, now()),
    ).rejects.toMatchObject({ code: "conflict", message: /must keep at least one active owner/ });
    expect(await userRow(team.owner.userId)).toMatchObject({ role: "owner", disabledAt: null });
    expect(await auditActions(team.owner.userId)).not.toContain("team.role_changed");

    // With a second owner, the first may go.
    const second = await addMember(team, "owner");
    const secondActor = { userId: second.id, label: second.email };
    await changeRole(db(), team.scope, { userId: team.owner.userId, role: "viewer" }, secondActor, now());
    expect((await userRow(team.owner.userId))?.role).toBe("viewer");
  });

  it("transfers ownership in one step; the new owner must have accepted", async () => {
    const team = await makeTeam();
    const member = await addMember(team, "billing");
    const email = `pat-${randomUUID().slice(0, 8)}@team.example`;
    const pending = await inviteMember(
      db(),
      team.scope,
      invite(email, "Pat", "viewer"),
      team.owner,
      now(),
      mail,
    );
    await expect(
      transferOwnership(db(), team.scope, { userId: pending.userId, newRole: "billing" }, team.owner, now()),
    ).rejects.toMatchObject({ code: "conflict", message: /not accepted/ });
    await expect(
      transferOwnership(db(), team.scope, { userId: member.id, newRole: "owner" }, team.owner, now()),
    ).rejects.toMatchObject({ fieldErrors: { newRole: ["Choose the role you keep: Billing or Viewer."] } });

    await transferOwnership(db(), team.scope, { userId: member.id, newRole: "viewer" }, team.owner, now());
    expect((await userRow(member.id))?.role).toBe("owner");
    expect((await userRow(team.owner.userId))?.role).toBe("viewer");
    const [audit] = await db()
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entityId, member.id), eq(s.auditLog.action, "team.ownership_transferred")));
    expect(audit?.data).toMatchObject({ from: team.owner.email, to: member.email });
    // The former owner no longer holds the role to hand over.
    await expect(
      transferOwnership(db(), team.scope, { userId: member.id, newRole: "viewer" }, team.owner, now()),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("a reseller never touches another reseller's user, nor staff, nor staff a reseller's", async () => {
    const a = await makeTeam();
    const b = await makeTeam();
    const theirs = await addMember(b, "billing");
    const pendingEmail = `q-${randomUUID().slice(0, 8)}@team.example`;
    const theirPending = await inviteMember(
      db(),
      b.scope,
      invite(pendingEmail, "Q", "viewer"),
      b.owner,
      now(),
      mail,
    );
    const [staff] = await db().select().from(s.users).where(eq(s.users.email, "finance@skyline.example"));
    const notFound = { code: "not_found" };
    for (const [scope, userId] of [
      [a.scope, theirs.id],
      [a.scope, staff!.id],
      [{ resellerId: null }, theirs.id],
    ] as const) {
      await expect(changeRole(db(), scope, { userId, role: "viewer" }, a.owner, now())).rejects.toMatchObject(
        scope.resellerId ? notFound : { code: "validation" },
      );
      await expect(removeMember(db(), scope, { userId }, a.owner, now())).rejects.toMatchObject(notFound);
    }
    await expect(
      changeRole(db(), { resellerId: null }, { userId: theirs.id, role: "support" }, a.owner, now()),
    ).rejects.toMatchObject(notFound);
    await expect(
      resendInvitation(db(), a.scope, { userId: theirPending.userId }, a.owner, now(), mail),
    ).rejects.toMatchObject(notFound);
    await expect(
      cancelInvitation(db(), a.scope, { userId: theirPending.userId }, a.owner, now()),
    ).rejects.toMatchObject(notFound);
    await expect(
      transferOwnership(db(), a.scope, { userId: theirs.id, newRole: "billing" }, a.owner, now()),
    ).rejects.toMatchObject(notFound);
    expect(await userRow(theirs.id)).toMatchObject({ role: "billing", disabledAt: null });
    expect(await userRow(theirPending.userId)).toBeDefined();
    expect((await listMembers(db(), a.scope)).map((m) => m.id)).not.toContain(theirs.id);
  });

  it("the distributor's staff: invited with staff roles, and an administrator always remains", async () => {
    const staff: TeamScope = { resellerId: null };
    const [admin] = await db().select().from(s.users).where(eq(s.users.email, "admin@skyline.example"));
    const actor = { userId: admin!.id, label: admin!.email };
    await expect(
      inviteMember(db(), staff, invite("o@staff.example", "O", "owner"), actor, now(), mail),
    ).rejects.toMatchObject({
      fieldErrors: { role: ["Choose Administrator, Finance, Support (read-only)."] },
    });
    const email = `fin-${randomUUID().slice(0, 8)}@staff.example`;
    const { userId } = await inviteMember(db(), staff, invite(email, "Fiona", "finance"), actor, now(), mail);
    const [outbox] = await db().select().from(s.emailOutbox).where(eq(s.emailOutbox.to, email));
    expect(outbox?.text).toMatch(/invited you to join the .+ back office as Finance/);
    await accept(await invitationToken(email));
    expect(await signInWithPassword(db(), { email, password: PASSWORD }, client)).toMatchObject({
      ok: true,
      user: { role: "finance", resellerId: null },
    });
    expect((await listMembers(db(), staff)).map((m) => m.email)).toEqual(
      expect.arrayContaining([email, "admin@skyline.example", "support@skyline.example"]),
    );
    const someone = { userId: null, label: "system" };
    await expect(removeMember(db(), staff, { userId: admin!.id }, someone, now())).rejects.toMatchObject({
      code: "conflict",
      message: /must keep at least one active administrator/,
    });
    await changeRole(db(), staff, { userId, role: "support" }, actor, now());
    expect((await userRow(userId))?.role).toBe("support");
  });
});

/** Turns two-factor sign-in on for a member, as they would on /account/security. */
async function enrolTwoFactor(user: { id: string; email: string; role: s.User["role"] }) {
  const at = now();
  const enrolment = await beginEnrolment(db(), user, { password: PASSWORD }, at);
  await confirmEnrolment(db(), user, totpCode(enrolment.manualKey.replaceAll(" ", ""), at), at);
}

describe(`resetting a member's two-factor sign-in on ${process.env.TEST_ENGINE}`, () => {
  const resetClient = { address: "192.0.2.78" };

  it("the owner clears it in one step: sessions end, audited, emailed; the member signs in with the password alone", async () => {
    const team = await makeTeam();
    const member = await addMember(team, "billing");
    await enrolTwoFactor({ ...member, role: "billing" });
    await db()
      .insert(s.sessions)
      .values({ userId: member.id, expiresAt: new Date(Date.now() + 3_600_000) });
    expect((await listMembers(db(), team.scope)).find((m) => m.id === member.id)?.twoFactorEnabled).toBe(
      true,
    );
    expect(
      await signInWithPassword(db(), { email: member.email, password: PASSWORD }, resetClient),
    ).toMatchObject({ ok: false, reason: "two_factor" });

    // Through the team table's form, as the portal's action runs it.
    const op = teamOperationSchema.parse({ op: "reset_two_factor", userId: member.id });
    const result = await runTeamOperation(db(), team.scope, op, team.owner, now(), mail);
    expect(result).toMatchObject({ op: "reset_two_factor", userId: member.id });
    expect(result.message).toMatch(/two-factor sign-in was reset .* password alone\.$/);

    expect(await userRow(member.id)).toMatchObject({
      totpSecretEnc: null,
      totpEnabledAt: null,
      totpLastStep: null,
    });
    expect(
      await db().select().from(s.userRecoveryCodes).where(eq(s.userRecoveryCodes.userId, member.id)),
    ).toHaveLength(0);
    const open = await db().select().from(s.sessions).where(eq(s.sessions.userId, member.id));
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((row) => row.revokedAt !== null)).toBe(true);
    // A sign-in half-way (password given, code step open) cannot finish on the old key either.
    const pending = await db()
      .select()
      .from(s.userTokens)
      .where(and(eq(s.userTokens.userId, member.id), eq(s.userTokens.purpose, "two_factor")));
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((t) => t.usedAt !== null)).toBe(true);

    const [audit] = await db()
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entityId, member.id), eq(s.auditLog.action, "team.two_factor_reset")));
    expect(audit).toMatchObject({ actorUserId: team.owner.userId, resellerId: team.resellerId });
    expect(audit?.data).toMatchObject({ email: member.email, sessionsEnded: 1 });
    const [notice] = await db()
      .select()
      .from(s.emailOutbox)
      .where(and(eq(s.emailOutbox.to, member.email), eq(s.emailOutbox.template, "two_factor_reset")));
    expect(notice?.subject).toMatch(/two-factor sign-in was reset$/);
    expect(notice?.text).toContain(`Olive Owner (${team.owner.email}) reset two-factor sign-in`);
    expect(notice?.resellerId).toBe(team.resellerId);

    expect(
      await signInWithPassword(db(), { email: member.email, password: PASSWORD }, resetClient),
    ).toMatchObject({ ok: true, user: { id: member.id } });
    expect((await listMembers(db(), team.scope)).find((m) => m.id === member.id)?.twoFactorEnabled).toBe(
      false,
    );
    // Nothing left to reset.
    await expect(resetTwoFactor(db(), team.scope, member.id, team.owner, now())).rejects.toMatchObject({
      code: "conflict",
      message: /does not have two-factor sign-in on/,
    });
  });

  it("only the team's owner: another reseller's user is not found, billing and viewers may not, nobody their own", async () => {
    const a = await makeTeam();
    const b = await makeTeam();
    const theirs = await addMember(b, "viewer");
    await enrolTwoFactor({ ...theirs, role: "viewer" });
    const mine = await addMember(a, "viewer");
    await enrolTwoFactor({ ...mine, role: "viewer" });

    // a's owner, on b's user: in a's team the user does not exist.
    await expect(resetTwoFactor(db(), a.scope, theirs.id, a.owner, now())).rejects.toMatchObject({
      code: "not_found",
    });
    // Nor does naming b's team help a's owner: they are no owner there.
    await expect(resetTwoFactor(db(), b.scope, theirs.id, a.owner, now())).rejects.toMatchObject({
      code: "forbidden",
    });
    // Staff scope is the distributor's: a reseller's user is not found there either.
    const [admin] = await db().select().from(s.users).where(eq(s.users.email, "admin@skyline.example"));
    await expect(
      resetTwoFactor(
        db(),
        { resellerId: null },
        theirs.id,
        { userId: admin!.id, label: admin!.email },
        now(),
      ),
    ).rejects.toMatchObject({ code: "not_found" });

    for (const role of ["billing", "viewer"] as const) {
      const colleague = await addMember(a, role);
      await expect(
        resetTwoFactor(db(), a.scope, mine.id, { userId: colleague.id, label: colleague.email }, now()),
      ).rejects.toMatchObject({ code: "forbidden", message: /Only an owner/ });
    }
    await expect(
      resetTwoFactor(db(), a.scope, mine.id, { userId: null, label: "system" }, now()),
    ).rejects.toMatchObject({ code: "forbidden" });

    // One's own goes through /account/security (a code or the password), never this way.
    await enrolTwoFactor({ id: a.owner.userId, email: a.owner.email, role: "owner" });
    await expect(resetTwoFactor(db(), a.scope, a.owner.userId, a.owner, now())).rejects.toMatchObject({
      code: "conflict",
      message: /your own/,
    });

    for (const id of [theirs.id, mine.id, a.owner.userId])
      expect((await userRow(id))?.totpEnabledAt).not.toBeNull();
    expect(await auditActions(theirs.id)).not.toContain("team.two_factor_reset");
    expect(await auditActions(mine.id)).not.toContain("team.two_factor_reset");
  });
});
