import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parseListParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";
import { memberListSpec } from "@/lib/teams/member-list";
import type { MemberView } from "@/lib/teams/members";
import { InviteForm } from "./invite-form";
import { MemberList } from "./member-list";
import { roleOptions } from "./roles";

const now = new Date("2026-12-01T10:00:00Z");
const roles = roleOptions(["owner", "billing", "viewer"]);
const action = async () => ({ ok: true as const });
const member = (id: string, name: string, change: Partial<MemberView> = {}): MemberView => ({
  id,
  name,
  email: `${name.toLowerCase()}@team.example`,
  role: "billing",
  status: "active",
  invitedAt: null,
  invitedByName: null,
  invitationExpiresAt: null,
  lastSignInAt: null,
  disabledAt: null,
  twoFactorEnabled: false,
  ...change,
});

/** The team page's invite form and list, as the page composes them. */
function render(query: Record<string, string>, rows: MemberView[], count = rows.length) {
  const params = parseListParams(memberListSpec, query);
  const page = { rows, nextCursor: null, prevCursor: null, count: { value: count, exact: true } };
  const links = listLinks("/portal/team", memberListSpec, params, page);
  return renderToStaticMarkup(
    h(
      "div",
      null,
      h(InviteForm, { action, roles, defaultRole: "viewer" }),
      h(MemberList, {
        links,
        params,
        page,
        selfId: "u1",
        now,
        action,
        roles,
        ownerRole: "owner",
        canManage: true,
        caption: "Team members",
        soloText: "Only you so far.",
        resetNote: "they sign in again.",
      }),
    ),
  );
}

describe("the team page's member list", () => {
  it("shares the page with the invite form: every id once, and only the invite form's role is labelled Role", () => {
    const html = render({ role: "billing" }, [member("u1", "Olive", { role: "owner" }), member("u2", "Bea")]);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(5);
    expect(new Set(ids).size).toBe(ids.length);
    expect(html.match(/>Role<\/label>/g)).toHaveLength(1);
    expect(html).toContain(">Member role</label>");
    expect(html).toContain('aria-label="Search members"');
    expect(html).toContain('aria-sort="ascending"');
    expect(html).toContain("2 members");
  });

  it("says 'only you' when the signed-in user is the whole team, and 'no match' when filters leave no one", () => {
    expect(render({}, [member("u1", "Olive")])).toContain("Only you so far.");
    const filtered = render({ q: "nobody" }, [], 0);
    expect(filtered).toContain("No members match these filters");
    expect(filtered).not.toContain("Only you so far.");
  });

  it("keeps a pending invitation in the list with its expiry and its actions", () => {
    const html = render({ status: "invited" }, [
      member("u2", "Bea", {
        status: "invited",
        invitedAt: new Date("2026-11-30T09:00:00Z"),
        invitationExpiresAt: new Date("2026-12-07T09:00:00Z"),
      }),
    ]);
    expect(html).toContain("Invited");
    expect(html).toContain("expires Dec 7, 2026");
    expect(html).toContain("Resend invitation");
    expect(html).toContain("Withdraw invitation");
  });
});
