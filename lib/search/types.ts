import { z } from "zod";

/** What the back office's global search finds (issue 16, item 2). */
export type SearchKind = "reseller" | "invoice" | "customer" | "user";

/** How a hit matched: exact beats prefix beats contains. */
export type SearchMatch = "exact" | "prefix" | "contains";

/** One result: what it is, what to show, and the back-office page it opens. */
export type SearchHit = {
  kind: SearchKind;
  id: string;
  title: string;
  subtitle: string;
  href: string;
  match: SearchMatch;
};

/** The route's answer. */
export type SearchResult = { q: string; hits: SearchHit[] };

/** Group headings, in the order groups of equal rank are shown. */
export const searchKindLabels: Record<SearchKind, string> = {
  reseller: "Resellers",
  invoice: "Invoices",
  customer: "Customers",
  user: "Users",
};

export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 100;
export const SEARCH_LIMIT_PER_KIND = 5;

/** The search text: trimmed, 2–100 characters. */
export const searchText = z
  .string({ error: "Type something to search for." })
  .trim()
  .min(SEARCH_MIN_LENGTH, `Type at least ${SEARCH_MIN_LENGTH} characters.`)
  .max(SEARCH_MAX_LENGTH, `Type at most ${SEARCH_MAX_LENGTH} characters.`);
