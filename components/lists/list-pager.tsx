import Form from "next/form";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { countText, type ListCount } from "@/lib/lists/count";
import { PAGE_SIZES, type PageSize } from "@/lib/lists/params";
import type { ListLinks } from "@/lib/lists/url";

/** Under a list: how many rows match, Previous/Next (keyset cursors), and the page size. */
export function ListPager({
  links,
  count,
  noun,
  size,
}: {
  links: ListLinks;
  count: ListCount;
  noun: { one: string; other: string };
  size: PageSize;
}) {
  const kept = Object.entries(links.query).filter(([key]) => key !== "size");
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 px-4 py-3 text-sm">
      <p
        className="text-slate-600"
        title={count.exact ? undefined : "Estimated: more rows match than are counted."}
      >
        {countText(count, noun)}
        {!count.exact && <span className="sr-only"> (estimated)</span>}
      </p>
      <nav aria-label="Pages" className="flex items-center gap-2">
        <PageLink href={links.prevHref} rel="prev">
          ← Previous
        </PageLink>
        <PageLink href={links.nextHref} rel="next">
          Next →
        </PageLink>
      </nav>
      <Form key={JSON.stringify(links.query)} action={links.path} className="flex items-center gap-2">
        {kept.map(([key, value]) => (
          <input key={key} type="hidden" name={key} value={value} />
        ))}
        <label htmlFor="list-page-size" className="text-slate-600">
          Rows per page
        </label>
        <select
          id="list-page-size"
          name="size"
          defaultValue={String(size)}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-blue-100"
        >
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <button type="submit" className={buttonClass("secondary", "px-3 py-1.5")}>
          Show
        </button>
      </Form>
    </div>
  );
}

function PageLink({ href, rel, children }: { href: string | null; rel: string; children: string }) {
  const className = buttonClass("secondary", "px-3 py-1.5");
  if (!href)
    return (
      <span aria-disabled="true" className={`${className} cursor-not-allowed opacity-50`}>
        {children}
      </span>
    );
  return (
    <Link href={href} rel={rel} className={className}>
      {children}
    </Link>
  );
}
