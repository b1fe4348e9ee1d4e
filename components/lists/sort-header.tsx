import Link from "next/link";
import type { ReactNode } from "react";
import { Th } from "@/components/ui/table";
import type { ListLinks } from "@/lib/lists/url";

/** A column header that sorts the list: a link (keyboard reachable) and `aria-sort` on the header cell. */
export function SortHeader({
  links,
  sort,
  numeric,
  children,
}: {
  links: ListLinks;
  sort: string;
  numeric?: boolean;
  children: ReactNode;
}) {
  const state = links.sortState(sort);
  const arrow = state === "ascending" ? "↑" : state === "descending" ? "↓" : "↕";
  return (
    <Th numeric={numeric} aria-sort={state}>
      <Link
        href={links.sortHref(sort)}
        scroll={false}
        className="inline-flex items-center gap-1 rounded hover:text-slate-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-200"
      >
        {children}
        <span aria-hidden className={state === "none" ? "text-slate-300" : "text-slate-700"}>
          {arrow}
        </span>
      </Link>
    </Th>
  );
}
