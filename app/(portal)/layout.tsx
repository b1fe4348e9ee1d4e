import { eq } from "drizzle-orm";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { getDb } from "@/db/client";
import { resellers } from "@/db/schema";
import { requirePageUser, resellerIdOf } from "@/lib/auth/guard";
import { getBrand } from "@/lib/branding";

const nav = [
  { href: "/portal", label: "Overview", exact: true },
  { href: "/portal/contract", label: "Contract" },
  { href: "/portal/invoices", label: "Invoices" },
];

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser("portal:read", "/portal");
  const [reseller] = await getDb()
    .select({ name: resellers.name })
    .from(resellers)
    .where(eq(resellers.id, resellerIdOf(user)));
  const brand = await getBrand();
  return (
    <AppShell brand={brand} user={user} company={reseller?.name ?? ""} area="Reseller portal" nav={nav}>
      {children}
    </AppShell>
  );
}
