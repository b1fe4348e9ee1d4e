import Link from "next/link";
import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import type { ListLinks } from "@/lib/lists/url";

/** An empty list: "No resellers match these filters" with a way out, or the list's own empty state. */
export function ListEmpty({
  links,
  noun,
  children,
}: {
  links: ListLinks;
  noun: string;
  /** What an unfiltered empty list says. */
  children: ReactNode;
}) {
  if (links.isPaged)
    return (
      <EmptyState
        title={`No more ${noun} this way`}
        action={
          <Link href={links.firstHref} className="text-sm font-medium text-brand hover:underline">
            Back to the first page
          </Link>
        }
      />
    );
  if (!links.isFiltered) return <>{children}</>;
  return (
    <EmptyState
      title={`No ${noun} match these filters`}
      action={
        <Link href={links.clearHref} className="text-sm font-medium text-brand hover:underline">
          Clear filters
        </Link>
      }
    >
      Try another search, or clear the filters to see them all.
    </EmptyState>
  );
}
