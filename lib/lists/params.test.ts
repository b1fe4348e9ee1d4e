import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decodeListCursor, encodeListCursor } from "./cursor";
import { type ListSpec, parseListParams } from "./params";
import { likePattern } from "./search";
import { listHref, listQuery } from "./url";

const spec = {
  sorts: { created: { dir: "desc" }, name: { dir: "asc" } },
  defaultSort: "created",
  filters: { status: z.enum(["active", "closed"], { error: "Pick a status." }) },
} satisfies ListSpec;

describe("parseListParams", () => {
  it("defaults: 25 a page, the default sort in its own direction, no filters", () => {
    expect(parseListParams(spec, {})).toEqual({
      size: 25,
      sort: "created",
      dir: "desc",
      q: "",
      filters: {},
      after: null,
      before: null,
      errors: {},
    });
  });

  it.each([
    [{ size: "100" }, { size: 100 }],
    [{ size: "30" }, { size: 25 }],
    [{ sort: "name" }, { sort: "name", dir: "asc" }],
    [
      { sort: "name", dir: "desc" },
      { sort: "name", dir: "desc" },
    ],
    [{ sort: "constructor" }, { sort: "created" }],
    [{ q: "  acme " }, { q: "acme" }],
    [{ status: ["closed", "active"] }, { filters: { status: "closed" } }],
    [
      { after: "abc", before: "def" },
      { after: "abc", before: null },
    ],
    [{ before: "d.e" }, { before: null }],
  ])("%j", (query, expected) => {
    expect(parseListParams(spec, query)).toMatchObject(expected);
  });

  it("reports a bad filter beside its field and leaves it out", () => {
    const p = parseListParams(spec, { status: "gone", q: "x".repeat(101) });
    expect(p.filters).toEqual({});
    expect(p.errors).toEqual({ status: ["Pick a status."], q: ["Search for at most 100 characters."] });
  });
});

describe("URLs and cursors", () => {
  it("keeps only what differs from the defaults, and patches", () => {
    const p = parseListParams(spec, { sort: "name", status: "active", q: "a b", size: "25" });
    const query = listQuery(spec, p);
    expect(query).toEqual({ q: "a b", status: "active", sort: "name" });
    expect(listHref("/x", query, { status: null, after: "c" })).toBe("/x?q=a+b&sort=name&after=c");
    expect(listHref("/x", {})).toBe("/x");
  });

  it("round-trips a cursor and refuses anything else", () => {
    const c = {
      sort: "created",
      value: "2026-03-01 10:00:00.123456+00",
      id: "9b2f7c1e-0000-4000-8000-000000000000",
    };
    expect(decodeListCursor(encodeListCursor(c))).toEqual(c);
    expect(decodeListCursor("bm9wZQ")).toBeNull();
    expect(decodeListCursor(null)).toBeNull();
  });

  it("escapes LIKE's wildcards", () => {
    expect(likePattern("100%_a\\b")).toBe("%100\\%\\_a\\\\b%");
  });
});
