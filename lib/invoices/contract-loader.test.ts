import { describe, expect, it } from "vitest";
import type { UsageRow } from "@/lib/billing";
import { unpackUsage } from "./contract-loader";

const SERVERS = "0b9a1e52-7c51-4f2e-9a43-5f0d1e2c3b4a";
const STORAGE = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b";
const codes = new Map([
  [SERVERS, "pw_base_servers"],
  [STORAGE, "pw_storage"],
]);

describe("packed usage of one customer", () => {
  it("gives one usage row per SKU entry, with the SKU's code, value and day", () => {
    const rows: UsageRow[] = [];
    unpackUsage("cust-1", `${SERVERS} 12.0000 2026-10-31;${STORAGE} 1073741824.5000 2026-10-17`, codes, rows);
    expect(rows).toEqual([
      { customer: "cust-1", sku: "pw_base_servers", value: "12.0000", date: "2026-10-31" },
      { customer: "cust-1", sku: "pw_storage", value: "1073741824.5000", date: "2026-10-17" },
    ]);
  });

  it("keeps an unknown SKU's id, so the engine names it in its error", () => {
    const rows: UsageRow[] = [];
    unpackUsage("cust-1", "ffffffff-0000-4000-8000-000000000000 -3.5000 2026-10-02", codes, rows);
    expect(rows).toEqual([
      {
        customer: "cust-1",
        sku: "ffffffff-0000-4000-8000-000000000000",
        value: "-3.5000",
        date: "2026-10-02",
      },
    ]);
  });

  it("refuses an entry it cannot read instead of billing a wrong quantity", () => {
    expect(() => unpackUsage("cust-1", `${SERVERS} 12.0000`, codes, [])).toThrow("Malformed usage entry");
    expect(() => unpackUsage("cust-1", `${SERVERS} 12.0000;${STORAGE} 2026-10-17`, codes, [])).toThrow(
      "Malformed usage entry",
    );
    expect(() => unpackUsage("cust-1", `${SERVERS} 12.0000 2026-10-31 7`, codes, [])).toThrow(
      "Malformed usage entry",
    );
  });
});
