import Link from "next/link";
import type { CSSProperties, ReactNode } from "react";
import type { CurrentUser } from "@/lib/auth/guard";
import { can, type Permission } from "@/lib/auth/permissions";
import { type Brand, brandStyle } from "@/lib/branding";
import { BrandMark } from "./brand-mark";
import { NavLink } from "./nav-link";
import { UserMenu } from "./user-menu";

/** A navigation entry; one with a permission is shown only to roles that have it. */
export type NavItem = { href: string; label: string; exact?: boolean; permission?: Permission };

/** The signed-in layout shared by the reseller portal and the distributor back office. */
export function AppShell({
  brand,
  user,
  company,
  area,
  nav,
  search,
  children,
}: {
  brand: Brand;
  user: CurrentUser;
  company: string;
  area: string;
  nav: NavItem[];
  /** The area's search (the back office's global search), shown in the header before the user menu. */
  search?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div style={brandStyle(brand) as CSSProperties} className="min-h-screen bg-slate-50">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-10 border-b border-slate-200 bg-white">
        <div className="flex h-14 items-center justify-between gap-4 px-4 sm:px-6">
          <div className="flex items-center gap-3">
            <Link href="/" className="text-slate-900">
              <BrandMark brand={brand} size="sm" />
            </Link>
            <span className="hidden rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 sm:inline">
              {area}
            </span>
          </div>
          <div className="flex items-center gap-2 sm:gap-3">
            {search}
            <UserMenu name={user.name} email={user.email} role={user.role} company={company} />
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 sm:px-6 lg:flex-row">
        <nav aria-label={area} className="lg:w-52 lg:shrink-0">
          <ul className="flex gap-1 overflow-x-auto lg:flex-col">
            {nav
              .filter((item) => !item.permission || can(user.role, item.permission))
              .map((item) => (
                <li key={item.href} className="shrink-0">
                  <NavLink href={item.href} exact={item.exact}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
          </ul>
        </nav>
        <main id="main" className="min-w-0 flex-1">
          {children}
        </main>
      </div>
    </div>
  );
}
