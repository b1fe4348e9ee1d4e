import type { ReactNode } from "react";
import { AppShell, type NavItem } from "@/components/shell/app-shell";
import { userContextOf } from "@/lib/actions/context";
import { requireAccountPageUser } from "@/lib/auth/guard";
import { homeFor, isDistributorRole } from "@/lib/auth/permissions";
import { getBrand } from "@/lib/branding";
import { getResellerName } from "@/lib/portal/queries";

/**
 * The signed-in user's own account, for every role. Staff whom the distributor's two-factor requirement sends
 * here can reach it (requireAccountPageUser), while the back office stays closed to them until they enrol.
 */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const ctx = userContextOf(await requireAccountPageUser("/account/security"));
  const brand = await getBrand();
  const staff = isDistributorRole(ctx.user.role);
  const company = ctx.user.resellerId ? await getResellerName(ctx.db, ctx.user.resellerId) : brand.name;
  const nav: NavItem[] = [
    { href: "/account/security", label: "Sign-in security" },
    { href: homeFor(ctx.user.role), label: staff ? "Back office" : "Reseller portal", exact: true },
  ];
  return (
    <AppShell brand={brand} user={ctx.user} company={company} area="Your account" nav={nav}>
      {children}
    </AppShell>
  );
}
