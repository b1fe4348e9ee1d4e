import type { ReactNode } from "react";
import { cn } from "./cn";

/**
 * A headline figure: a labelled region (screen readers find it by its label), the value, and a few lines
 * under it. `tone="amber"` marks one that needs a look (a projected top-up).
 */
export function Kpi({
  label,
  value,
  children,
  tone,
  headingLevel = 2,
}: {
  label: string;
  value: string;
  children?: ReactNode;
  tone?: "amber";
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section
      aria-label={label}
      className={cn(
        "flex min-w-0 flex-col gap-1 rounded-lg border bg-white px-5 py-4 shadow-sm",
        tone === "amber" ? "border-amber-300" : "border-slate-200",
      )}
    >
      <Heading className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</Heading>
      <p className="text-2xl font-semibold tabular-nums text-slate-900">{value}</p>
      {children && <div className="flex flex-col gap-1 text-xs text-slate-600">{children}</div>}
    </section>
  );
}
