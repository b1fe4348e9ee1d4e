import { describe, expect, it } from "vitest";
import { copyChunks } from "./draft-writer";
import { newLineId } from "./line-ids";
import type { DraftLine, RatedContract } from "./rate-contracts";

// Line ids are made by the uuid package's v7 (its own tests cover the layout) from pooled random bytes: every
// line gets a UUIDv7 carrying the time it was made, and ids ascend within a batch and from one batch to the
// next, so the primary key grows at its right edge. lib/invoices/line-checks.int.test.ts shows the stored ids
// of a billing run, on both write paths.

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function contract(n: number, lineCount: number): RatedContract {
  const lines: DraftLine[] = Array.from({ length: lineCount }, (_, i) => ({
    position: i + 1,
    type: "usage",
    customerId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    customerName: `Customer ${n}`,
    skuCode: "pw_base_servers",
    description: "Servers",
    unit: "workload",
    quantity: "1.0000",
    unitPrice: "1.0000",
    amount: "1.00",
    unitCost: null,
    costAmount: null,
  }));
  return { loaded: { contractId: `contract-${n}` }, lines } as unknown as RatedContract;
}

/** The ids of a batch's COPY rows (the first column), in the order they are sent. */
function batchIds(contracts: number, linesEach: number): string[] {
  const rated = Array.from({ length: contracts }, (_, n) => contract(n, linesEach));
  const invoiceIds = new Map(rated.map((r) => [r.loaded.contractId, crypto.randomUUID()]));
  const text = [...copyChunks(rated, invoiceIds, { lines: 0 })].join("");
  return text
    .split("\n")
    .filter((row) => row !== "")
    .map((row) => row.slice(0, row.indexOf("\t")));
}

const msOf = (id: string) => Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16);

describe("newLineId", () => {
  it("makes distinct UUIDv7s that ascend, across refills of the random pool and many in one millisecond", () => {
    const before = Date.now();
    const ids = Array.from({ length: 20_000 }, () => newLineId());
    const after = Date.now();
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(msOf(ids[0] as string)).toBeGreaterThanOrEqual(before);
    expect(msOf(ids.at(-1) as string)).toBeLessThanOrEqual(after + 1);
    // Far more ids than milliseconds: the sequence, not the clock, ordered most of them.
    expect(new Set(ids.map(msOf)).size).toBeLessThan(ids.length / 2);
  });

  it("ends each id with random bits, not a counter", () => {
    const tails = new Set(Array.from({ length: 1000 }, () => newLineId().slice(-8)));
    expect(tails.size).toBe(1000);
  });
});

describe("line ids in the COPY text", () => {
  it("are UUIDs of version 7 carrying the Unix milliseconds they were made at", () => {
    const before = Date.now();
    const ids = batchIds(3, 5);
    const after = Date.now();
    expect(ids).toHaveLength(15);
    for (const id of ids) {
      expect(id).toMatch(UUID_V7);
      expect(msOf(id)).toBeGreaterThanOrEqual(before);
      expect(msOf(id)).toBeLessThanOrEqual(after + 1);
    }
  });

  it("ascend within a batch, and a later batch sorts after an earlier one, even in the same millisecond", () => {
    const first = batchIds(40, 250); // 10 000 lines: several chunks and, most likely, several milliseconds
    const second = batchIds(1, 10);
    expect(new Set(first).size).toBe(first.length);
    expect([...first].sort()).toEqual(first);
    expect((first.at(-1) as string) < (second[0] as string)).toBe(true);
  });
});
