import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/**
 * A headline figure of the back-office home whose title links to the page behind it. Only the title is a
 * link, so a card may hold links of its own (a failed reseller) without nesting them.
 */
export function HomeCard({
  label,
  value,
  href,
  linkLabel,
  tone,
  children,
}: {
  label: string;
  value: string;
  href: string;
  /** Read after the label by screen readers: where the link goes. */
  linkLabel: string;
  tone?: "amber" | "red";
  children?: ReactNode;
}) {
  return (
    <section
      aria-label={label}
      className={cn(
        "flex min-w-0 flex-col gap-1 rounded-lg border bg-white px-5 py-4 shadow-sm",
        tone === "red" ? "border-red-300" : tone === "amber" ? "border-amber-300" : "border-slate-200",
      )}
    >
      <h2 className="text-xs font-medium uppercase tracking-wide text-slate-500">
        <Link href={href} className="hover:text-brand hover:underline focus-visible:underline">
          {label}
          <span className="sr-only">: {linkLabel}</span>
          <span aria-hidden> →</span>
        </Link>
      </h2>
      <p
        className={cn(
          "text-2xl font-semibold tabular-nums",
          tone === "red" ? "text-red-700" : "text-slate-900",
        )}
      >
        {value}
      </p>
      {children && <div className="flex min-w-0 flex-col gap-1 text-xs text-slate-600">{children}</div>}
    </section>
  );
}
