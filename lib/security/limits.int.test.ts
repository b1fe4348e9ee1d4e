import { describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { consumeLimit, deleteExpiredLimits, LIMITS } from "./limits";

const db = () => globalThis.testDb.db;

describe("limits on the database store", () => {
  it("lets exactly the limit through when requests race, per key", async () => {
    const results = await Promise.all(
      Array.from({ length: 150 }, () => consumeLimit(db(), "estimate", "203.0.113.70")),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(LIMITS.estimate.points);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({ ok: false });
    expect(refused && !refused.ok && refused.retryAfterSeconds).toBeGreaterThan(0);
    expect((await consumeLimit(db(), "estimate", "203.0.113.71")).ok).toBe(true);
  });

  it("is one budget for every app instance on the database (two connection pools)", async () => {
    const other = createDb(globalThis.testDb.url, { max: 2, embedded: globalThis.testEngine === "pglite" });
    try {
      const key = "203.0.113.80";
      const both = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          consumeLimit(i % 2 === 0 ? db() : other.db, "acronisLoginCheck", key),
        ),
      );
      expect(both.every((r) => r.ok)).toBe(true);
      const rest = await Promise.all(
        Array.from({ length: LIMITS.acronisLoginCheck.points }, () =>
          consumeLimit(other.db, "acronisLoginCheck", key),
        ),
      );
      expect(rest.filter((r) => r.ok)).toHaveLength(LIMITS.acronisLoginCheck.points - 12);
    } finally {
      await other.sql.end({ timeout: 2 });
    }
  });

  it("the worker's cleanup keeps live counters", async () => {
    await consumeLimit(db(), "resetAccount", "cleanup@example.com");
    await deleteExpiredLimits(db());
    const again = await consumeLimit(db(), "resetAccount", "cleanup@example.com");
    expect(again).toMatchObject({ ok: true, remaining: LIMITS.resetAccount.points - 2 });
  });
});
