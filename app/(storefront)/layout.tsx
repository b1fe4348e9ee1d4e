import Link from "next/link";
import type { CSSProperties, ReactNode } from "react";
import { BrandMark } from "@/components/shell/brand-mark";
import { buttonClass } from "@/components/ui/button";
import { brandStyle, getBrand } from "@/lib/branding";

export default async function StorefrontLayout({ children }: { children: ReactNode }) {
  const brand = await getBrand();
  return (
    <div style={brandStyle(brand) as CSSProperties} className="flex min-h-screen flex-col bg-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
          <Link href="/" className="text-slate-900" aria-label={`${brand.name} home`}>
            <BrandMark brand={brand} />
          </Link>
          <nav aria-label="Main" className="flex items-center gap-1 text-sm sm:gap-2">
            <Link
              href="/#plans"
              className="hidden rounded-md px-3 py-2 font-medium text-slate-700 hover:bg-slate-100 sm:inline-block"
            >
              Plans
            </Link>
            <Link
              href="/login"
              className="whitespace-nowrap rounded-md px-3 py-2 font-medium text-slate-700 hover:bg-slate-100"
            >
              Sign in
            </Link>
            <Link href="/signup" className={buttonClass("primary", "px-3 sm:px-4")}>
              Get started
            </Link>
          </nav>
        </div>
      </header>
      <main id="main" className="flex-1">
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-slate-50">
        <div className="mx-auto grid max-w-6xl gap-6 px-4 py-10 text-sm text-slate-600 sm:grid-cols-3 sm:px-6">
          <div>
            <p className="font-semibold text-slate-900">{brand.legalName}</p>
            {brand.addressLines.map((l) => (
              <p key={l}>{l}</p>
            ))}
          </div>
          <div>
            <p className="font-semibold text-slate-900">Support</p>
            <a className="hover:underline" href={`mailto:${brand.supportEmail}`}>
              {brand.supportEmail}
            </a>
            <p className="mt-1">
              <Link className="hover:underline" href="/docs/api">
                API reference
              </Link>
            </p>
          </div>
          <nav aria-label="Legal" className="flex flex-col gap-1">
            <p className="font-semibold text-slate-900">Legal</p>
            <Link className="hover:underline" href="/terms">
              Terms of service
            </Link>
            <Link className="hover:underline" href="/privacy">
              Privacy notice
            </Link>
          </nav>
        </div>
      </footer>
    </div>
  );
}
