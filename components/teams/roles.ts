import { type Role, roleLabels } from "@/lib/auth/permissions";

/** What each role may do, in a sentence, beside the invite form (lib/auth/permissions is the rule). */
export const roleDescriptions: Record<Role, string> = {
  owner: "Everything, including the contract, the team, API keys and webhooks.",
  billing:
    "For whoever pays: usage, the contract, invoices and their downloads; cannot change the contract or the team.",
  viewer: "Sees usage, the contract and invoices; changes nothing.",
  admin: "Everything in the back office, including staff, settings and API keys.",
  finance: "Billing runs, invoices and credit notes, FX rates, taxes and reconciliation; reads the rest.",
  support: "Reads the whole back office; changes nothing.",
};

export type RoleOption = { value: Role; label: string; description: string };

export function roleOptions(roles: readonly Role[]): RoleOption[] {
  return roles.map((value) => ({ value, label: roleLabels[value], description: roleDescriptions[value] }));
}
