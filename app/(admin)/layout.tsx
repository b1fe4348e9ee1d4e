import type { ReactNode } from "react";
import { GlobalSearch } from "@/components/search/global-search";
import { AppShell, type NavItem } from "@/components/shell/app-shell";
import { requirePageUser } from "@/lib/auth/guard";
import { getBrand } from "@/lib/branding";

const nav: NavItem[] = [
  { href: "/admin", label: "Overview", exact: true },
  { href: "/admin/usage", label: "Usage" },
  { href: "/admin/resellers", label: "Resellers" },
  { href: "/admin/contracts", label: "Contracts" },
  { href: "/admin/billing", label: "Billing runs" },
  { href: "/admin/invoices", label: "Invoices" },
  { href: "/admin/credit-notes", label: "Credit notes" },
  { href: "/admin/reports/margin", label: "Margin report" },
  { href: "/admin/reconciliation", label: "Reconciliation" },
  { href: "/admin/catalogue", label: "Catalogue" },
  { href: "/admin/prices", label: "Price book" },
  { href: "/admin/fx", label: "FX rates" },
  { href: "/admin/taxes", label: "Taxes" },
  { href: "/admin/acronis", label: "Acronis" },
  { href: "/admin/provisioning", label: "Provisioning" },
  { href: "/admin/outbox", label: "Email outbox" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/staff", label: "Staff" },
  { href: "/admin/api-keys", label: "API keys", permission: "admin:write" },
  { href: "/admin/webhooks", label: "Webhooks", permission: "admin:write" },
  { href: "/admin/security", label: "Sign-in locks" },
  { href: "/admin/settings", label: "Settings" },
];

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser("admin:read", "/admin");
  const brand = await getBrand();
  return (
    <AppShell
      brand={brand}
      user={user}
      company={brand.name}
      area="Back office"
      nav={nav}
      search={<GlobalSearch />}
    >
      {children}
    </AppShell>
  );
}
