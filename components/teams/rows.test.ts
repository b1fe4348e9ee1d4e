import { describe, expect, it } from "vitest";
import type { MemberView } from "@/lib/teams/members";
import { memberRows } from "./rows";

const now = new Date("2026-12-01T10:00:00Z");
const base: MemberView = {
  id: "u1",
  name: "Bea",
  email: "bea@team.example",
  role: "billing",
  status: "active",
  invitedAt: new Date("2026-11-30T09:00:00Z"),
  invitedByName: "Olive",
  invitationExpiresAt: null,
  lastSignInAt: null,
  disabledAt: null,
  twoFactorEnabled: false,
};

describe("memberRows", () => {
  it.each([
    [{ status: "active" } as const, null, false],
    [
      { status: "invited", invitationExpiresAt: new Date("2026-12-07T09:00:00Z") } as const,
      "Sent Nov 30, 2026 · expires Dec 7, 2026, 9:00 AM UTC",
      false,
    ],
    [
      { status: "invited", invitationExpiresAt: new Date("2026-11-30T12:00:00Z") } as const,
      "Sent Nov 30, 2026 · link expired: resend it",
      true,
    ],
    [{ status: "invited" } as const, "Sent Nov 30, 2026 · link expired: resend it", true],
    [
      { status: "disabled", disabledAt: new Date("2026-12-01T08:00:00Z") } as const,
      "Removed Dec 1, 2026",
      false,
    ],
  ])("%o reads %s", (change, detail, expired) => {
    const [row] = memberRows([{ ...base, ...change }], "someone-else", now);
    expect(row).toMatchObject({ statusDetail: detail, expired, roleLabel: "Billing", isSelf: false });
  });

  it("marks the signed-in user and says when a member never signed in", () => {
    const [row] = memberRows([base], "u1", now);
    expect(row).toMatchObject({ isSelf: true, lastSignIn: "Never" });
  });

  it("says whether two-factor sign-in is on", () => {
    expect(memberRows([base], "u1", now)[0]?.twoFactor).toBe(false);
    expect(memberRows([{ ...base, twoFactorEnabled: true }], "u1", now)[0]?.twoFactor).toBe(true);
  });
});
