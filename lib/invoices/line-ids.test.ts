import { describe, expect, it } from "vitest";
import { LineIds } from "./draft-writer";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("LineIds", () => {
  it("are UUIDs of version 7 carrying the batch's Unix milliseconds", () => {
    const now = Date.UTC(2026, 10, 25, 1, 2, 3, 456);
    const id = new LineIds(now).next();
    expect(id).toMatch(UUID_V7);
    expect(Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(now);
  });

  it("ascend within a batch, and a later batch sorts after an earlier one", () => {
    const first = new LineIds(1_800_000_000_000);
    const second = new LineIds(1_800_000_000_001);
    const a = Array.from({ length: 1000 }, () => first.next());
    const b = Array.from({ length: 10 }, () => second.next());
    expect(new Set(a).size).toBe(a.length);
    expect([...a].sort()).toEqual(a);
    expect((a.at(-1) as string) < (b[0] as string)).toBe(true);
  });

  it("two batches in the same millisecond still differ (random block)", () => {
    const ids = new Set(Array.from({ length: 50 }, () => new LineIds(1_800_000_000_000).next()));
    expect(ids.size).toBe(50);
  });
});
