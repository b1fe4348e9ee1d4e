import { z } from "zod";
import { type ListSpec, listFilters } from "@/lib/lists/params";
import { BOOK_CURRENCIES, type BookCurrency } from "./amounts";

/**
 * The version page's grid in the URL: the currency tab, one tier (a column) and a search over the services
 * (rows). The grid is one editable table saved all at once, so it is narrowed, never paged. Pure.
 */
export const priceGridSpec = {
  // The grid keeps the catalogue's order; the spec needs a sort to share lib/lists's URL parsing.
  sorts: { catalogue: { dir: "asc" } },
  defaultSort: "catalogue" as const,
  filters: {
    currency: listFilters
      .code(3, "A currency code such as EUR.")
      .pipe(z.enum(BOOK_CURRENCIES, { error: `One of ${BOOK_CURRENCIES.join(", ")}.` })),
    tier: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Pick a tier from the list."),
  },
} satisfies ListSpec;

type GridTier = { code: string; name: string };
type GridSku = { code: string; name: string };

export type GridFilter = { currency?: string; tier?: string; q: string };

/**
 * The tiers and services the grid shows for `filter`: the tier chosen (all when none), the services whose
 * code or name contains the search. A tier the catalogue does not have is reported and left out.
 */
export function narrowGrid<T extends GridTier, K extends GridSku>(
  catalogue: { tiers: T[]; skus: K[] },
  filter: GridFilter,
) {
  const tierKnown = !filter.tier || catalogue.tiers.some((t) => t.code === filter.tier);
  const tier = tierKnown ? filter.tier : undefined;
  const q = filter.q.trim().toLowerCase();
  const tiers = tier ? catalogue.tiers.filter((t) => t.code === tier) : catalogue.tiers;
  const skus = q
    ? catalogue.skus.filter((k) => k.code.toLowerCase().includes(q) || k.name.toLowerCase().includes(q))
    : catalogue.skus;
  return {
    currency: (filter.currency ?? "USD") as BookCurrency,
    tiers,
    skus,
    /** Whether some cells of this currency are not shown (an edit then covers only the cells shown). */
    isNarrowed: tiers.length < catalogue.tiers.length || skus.length < catalogue.skus.length,
    tierError: tierKnown ? undefined : "Pick a tier from the list.",
  };
}
