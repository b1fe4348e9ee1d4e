import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type ListSpec, parseListParams } from "@/lib/lists/params";
import { listLinks } from "@/lib/lists/url";
import { SortSwitch } from "./sort-switch";

const spec = {
  sorts: { at: { dir: "desc" } },
  defaultSort: "at" as const,
  defaultSize: 50,
  filters: { kind: z.string() },
} satisfies ListSpec;

function render(query: Record<string, string>) {
  const params = parseListParams(spec, query);
  const links = listLinks("/admin/log", spec, params, { nextCursor: "n", prevCursor: "p" });
  return renderToStaticMarkup(
    h(SortSwitch, {
      links,
      sort: "at",
      label: "Order",
      options: [
        { dir: "desc", label: "Newest first" },
        { dir: "asc", label: "Oldest first" },
      ],
    }),
  );
}

describe("SortSwitch", () => {
  it("marks the current direction and links the other, keeping filters and dropping the cursor", () => {
    const html = render({ kind: "invoice", after: "abc" });
    expect(html).toContain('<nav aria-label="Order"');
    expect(html).toMatch(/<a aria-current="true"[^>]*href="\/admin\/log\?kind=invoice">Newest first/);
    expect(html).toMatch(/<a class="[^"]*" href="\/admin\/log\?kind=invoice&amp;dir=asc">Oldest first/);
  });

  it("from oldest first, links back to the default order; a page size other than the list's stays", () => {
    const html = render({ dir: "asc", size: "25" });
    expect(html).toMatch(/<a class="[^"]*" href="\/admin\/log\?size=25">Newest first/);
    expect(html).toMatch(/<a aria-current="true"[^>]*href="\/admin\/log\?dir=asc&amp;size=25">Oldest first/);
  });
});
