import { buttonClass } from "@/components/ui/button";
import { type ListLinks, listExportHref } from "@/lib/lists/url";

/**
 * "Export CSV": the whole filtered list (every page, in its order) as a file. A plain link, not next/link:
 * it downloads a file rather than navigating.
 */
export function ExportLink({ links, noun }: { links: ListLinks; noun: string }) {
  return (
    <a
      href={listExportHref(links)}
      download
      className={buttonClass("secondary")}
      title={links.isFiltered ? `Every ${noun} matching these filters, as CSV` : `Every ${noun}, as CSV`}
    >
      Export CSV
    </a>
  );
}
