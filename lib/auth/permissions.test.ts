import { describe, expect, it } from "vitest";
import { passwordSchema } from "./password";
import { can, homeFor, type Permission, type Role } from "./permissions";

const matrix: [Role, Permission, boolean][] = [
  ["admin", "admin:write", true],
  ["finance", "admin:read", true],
  ["finance", "admin:write", false],
  ["finance", "finance:write", true],
  ["support", "admin:read", true],
  ["support", "admin:write", false],
  ["support", "finance:write", false],
  ["support", "portal:read", false],
  ["owner", "portal:manage", true],
  ["owner", "admin:read", false],
  ["billing", "portal:billing", true],
  ["billing", "portal:manage", false],
  ["viewer", "portal:read", true],
  ["viewer", "portal:billing", false],
  ["admin", "portal:read", false],
];

describe("role permissions", () => {
  it.each(matrix)("%s → %s = %s", (role, permission, allowed) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it("sends staff to the back office and reseller users to the portal", () => {
    expect(homeFor("support")).toBe("/admin");
    expect(homeFor("viewer")).toBe("/portal/usage");
  });
});

describe("password policy", () => {
  it.each([
    ["short1!", false],
    ["onlyletterslong", false],
    ["aaaaaaaaaaaa", false],
    ["correct-horse-42", true],
  ])("%s → %s", (pw, ok) => {
    expect(passwordSchema.safeParse(pw).success).toBe(ok);
  });
});
