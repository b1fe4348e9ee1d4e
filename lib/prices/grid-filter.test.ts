import { describe, expect, it } from "vitest";
import { parseListParams } from "@/lib/lists/params";
import { narrowGrid, priceGridSpec } from "./grid-filter";

const catalogue = {
  tiers: [
    { code: "T1", name: "Tier 1", retired: false },
    { code: "T2", name: "Tier 2", retired: false },
    { code: "T3", name: "Tier 3", retired: true },
  ],
  skus: [
    { code: "ws", name: "Workstation backup", unit: "device", active: true },
    { code: "srv", name: "Server backup", unit: "device", active: true },
    { code: "m365", name: "Microsoft 365 seats", unit: "seat", active: false },
  ],
};

const narrow = (query: Record<string, string>) => {
  const params = parseListParams(priceGridSpec, query);
  return { params, grid: narrowGrid(catalogue, { ...params.filters, q: params.q }) };
};

describe("the price grid's URL filters", () => {
  it("shows every tier and service in USD by default", () => {
    const { grid } = narrow({});
    expect(grid.currency).toBe("USD");
    expect(grid.tiers).toHaveLength(3);
    expect(grid.skus).toHaveLength(3);
    expect(grid.isNarrowed).toBe(false);
  });

  it("narrows to one tier and the services whose code or name contains the search", () => {
    const { grid } = narrow({ currency: "eur", tier: "T2", q: "BACKUP" });
    expect(grid.currency).toBe("EUR");
    expect(grid.tiers.map((t) => t.code)).toEqual(["T2"]);
    expect(grid.skus.map((k) => k.code)).toEqual(["ws", "srv"]);
    expect(grid.isNarrowed).toBe(true);
    expect(narrow({ q: "m365" }).grid.skus.map((k) => k.code)).toEqual(["m365"]);
    expect(narrow({ q: "nothing" }).grid.skus).toEqual([]);
  });

  it("reports an unknown tier or a currency outside the price list and ignores them", () => {
    const unknown = narrow({ tier: "T9" });
    expect(unknown.grid.tierError).toBe("Pick a tier from the list.");
    expect(unknown.grid.tiers).toHaveLength(3);
    const currency = narrow({ currency: "SEK" });
    expect(currency.params.errors.currency).toBeDefined();
    expect(currency.grid.currency).toBe("USD");
  });
});
