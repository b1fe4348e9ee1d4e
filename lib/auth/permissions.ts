export const distributorRoles = ["admin", "finance", "support"] as const;
export const resellerRoles = ["owner", "billing", "viewer"] as const;
export type Role = (typeof distributorRoles)[number] | (typeof resellerRoles)[number];

/** What each role may do; every page, action and route asks for one of these on the server. */
const table = {
  "admin:read": ["admin", "finance", "support"],
  "admin:write": ["admin"],
  "finance:write": ["admin", "finance"],
  "portal:read": ["owner", "billing", "viewer"],
  "portal:billing": ["owner", "billing"],
  "portal:manage": ["owner"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof table;

export function can(role: Role, permission: Permission): boolean {
  return (table[permission] as readonly Role[]).includes(role);
}

export function isDistributorRole(role: Role): boolean {
  return (distributorRoles as readonly Role[]).includes(role);
}

export function homeFor(role: Role): string {
  return isDistributorRole(role) ? "/admin" : "/portal/usage";
}

export const roleLabels: Record<Role, string> = {
  admin: "Administrator",
  finance: "Finance",
  support: "Support (read-only)",
  owner: "Owner",
  billing: "Billing",
  viewer: "Viewer",
};
