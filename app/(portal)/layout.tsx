import type { ReactNode } from "react";
import { AppShell, type NavItem } from "@/components/shell/app-shell";
import { pageContext, requireResellerScope } from "@/lib/actions/context";
import { getBrand } from "@/lib/branding";
import { getResellerName } from "@/lib/portal/queries";

const nav: NavItem[] = [
  { href: "/portal/usage", label: "Usage" },
  { href: "/portal/customers", label: "Customers" },
  { href: "/portal", label: "Overview", exact: true },
  { href: "/portal/contract", label: "Contract" },
  { href: "/portal/invoices", label: "Invoices" },
  { href: "/portal/credit-notes", label: "Credit notes" },
  { href: "/portal/alerts", label: "Alerts" },
  { href: "/portal/team", label: "Team", permission: "portal:manage" },
  { href: "/portal/api-keys", label: "API keys", permission: "portal:manage" },
  { href: "/portal/webhooks", label: "Webhooks", permission: "portal:manage" },
];

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const ctx = await pageContext("portal:read", "/portal");
  const [company, brand] = await Promise.all([
    getResellerName(ctx.db, requireResellerScope(ctx)),
    getBrand(),
  ]);
  return (
    <AppShell brand={brand} user={ctx.user} company={company} area="Reseller portal" nav={nav}>
      {children}
    </AppShell>
  );
}
