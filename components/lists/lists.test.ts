import { type ComponentProps, createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type ListSpec, parseListParams } from "@/lib/lists/params";
import { listExportHref, listLinks } from "@/lib/lists/url";
import { ExportLink } from "./export-link";
import { ListEmpty } from "./list-empty";
import { ListFilterBar } from "./list-filter-bar";
import { ListPager } from "./list-pager";
import { SortHeader } from "./sort-header";

const spec = {
  sorts: { created: { dir: "desc" }, name: { dir: "asc" } },
  defaultSort: "created" as const,
  filters: { tier: z.enum(["T1", "T2"], { error: "Pick a tier." }) },
} satisfies ListSpec;

function linksFor(
  query: Record<string, string>,
  cursors: { nextCursor: string | null; prevCursor: string | null } = { nextCursor: "n1", prevCursor: null },
) {
  const params = parseListParams(spec, query);
  return { params, links: listLinks("/admin/things", spec, params, cursors) };
}

describe("list components", () => {
  it("sort headers link to the other direction and say which way they sort", () => {
    const { links } = linksFor({ sort: "name", tier: "T1" });
    const html = renderToStaticMarkup(
      h(
        "table",
        null,
        h(
          "thead",
          null,
          h(
            "tr",
            null,
            h(SortHeader, { links, sort: "name" } as ComponentProps<typeof SortHeader>, "Name"),
            h(SortHeader, { links, sort: "created" } as ComponentProps<typeof SortHeader>, "Added"),
          ),
        ),
      ),
    );
    expect(html).toContain('aria-sort="ascending"');
    expect(html).toContain('href="/admin/things?tier=T1&amp;sort=name&amp;dir=desc"');
    expect(html).toContain('aria-sort="none"');
    expect(html).toContain('href="/admin/things?tier=T1"');
  });

  it("the pager counts, links Next with the cursor and keeps the state in its page-size form", () => {
    const { links, params } = linksFor({ tier: "T2", q: "acme" });
    const html = renderToStaticMarkup(
      h(ListPager, {
        links,
        count: { value: 10_000, exact: false },
        noun: { one: "thing", other: "things" },
        size: params.size,
      }),
    );
    expect(html).toContain("10,000+ things");
    expect(html).toContain('href="/admin/things?q=acme&amp;tier=T2&amp;after=n1"');
    expect(html).toMatch(/aria-disabled="true"[^>]*>← Previous/);
    expect(html).toContain('name="tier" value="T2"');
    expect(html).toContain('<label for="list-page-size"');
  });

  it("the filter bar shows the URL's values and a bad filter's message, and Clear keeps the sort", () => {
    const { links, params } = linksFor({ tier: "T9", q: "acme", sort: "name" });
    const html = renderToStaticMarkup(
      h(ListFilterBar, {
        links,
        search: { label: "Search things" },
        fields: [
          { kind: "select", name: "tier", label: "Tier", options: [{ value: "T1", label: "Tier 1" }] },
        ],
        values: { q: params.q, ...params.filters },
        errors: params.errors,
      }),
    );
    expect(html).toContain('role="search"');
    expect(html).toContain('value="acme"');
    expect(html).toContain("Pick a tier.");
    expect(html).toContain('name="sort" value="name"');
    expect(html).toContain('href="/admin/things?sort=name"');
  });

  it("an empty filtered list offers to clear the filters", () => {
    const { links } = linksFor({ q: "zzz" }, { nextCursor: null, prevCursor: null });
    const html = renderToStaticMarkup(
      h(ListEmpty, { links, noun: "things" } as ComponentProps<typeof ListEmpty>, "none yet"),
    );
    expect(html).toContain("No things match these filters");
    expect(html).toContain('href="/admin/things"');
    const bare = linksFor({}, { nextCursor: null, prevCursor: null }).links;
    expect(
      renderToStaticMarkup(
        h(ListEmpty, { links: bare, noun: "things" } as ComponentProps<typeof ListEmpty>, "none yet"),
      ),
    ).toBe("none yet");
  });

  it("the export link carries the filters, search and sort, never the cursor or the page size", () => {
    const { links } = linksFor({
      q: "acme",
      tier: "T1",
      sort: "name",
      dir: "desc",
      size: "50",
      after: "abc",
    });
    const html = renderToStaticMarkup(h(ExportLink, { links, noun: "thing" }));
    expect(html).toContain('href="/admin/things/export?q=acme&amp;tier=T1&amp;sort=name&amp;dir=desc"');
    expect(html).toContain(">Export CSV</a>");
    expect(listExportHref(linksFor({}).links)).toBe("/admin/things/export");
  });
});
