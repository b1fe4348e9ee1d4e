import Link from "next/link";
import { cn } from "@/components/ui/cn";
import type { SortDir } from "@/lib/lists/params";
import { type ListLinks, listHref } from "@/lib/lists/url";

/**
 * A list drawn as entries rather than a table with sortable headers (a log): its one sort's directions as
 * links ("Newest first", "Oldest first"), the current one marked with aria-current.
 */
export function SortSwitch({
  links,
  sort,
  label,
  options,
}: {
  links: ListLinks;
  sort: string;
  /** The navigation's name, e.g. "Order of the entries". */
  label: string;
  options: { dir: SortDir; label: string }[];
}) {
  const state = links.sortState(sort);
  const current: SortDir | null = state === "ascending" ? "asc" : state === "descending" ? "desc" : null;
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-2 text-sm">
      {options.map((o) => (
        <Link
          key={o.dir}
          // The current one: this list from its first page. The other: one toggle away (or, from another
          // sort, this sort in this direction).
          href={
            o.dir === current
              ? links.firstHref
              : current
                ? links.sortHref(sort)
                : listHref(links.path, links.query, { sort, dir: o.dir })
          }
          aria-current={o.dir === current ? "true" : undefined}
          scroll={false}
          className={cn(
            "rounded-full px-3 py-1 font-medium",
            o.dir === current
              ? "bg-slate-900 text-white"
              : "bg-white text-slate-600 ring-1 ring-slate-200 hover:bg-slate-100",
          )}
        >
          {o.label}
        </Link>
      ))}
    </nav>
  );
}
