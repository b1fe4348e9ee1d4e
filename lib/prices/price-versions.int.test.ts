import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { systemActor } from "@/lib/audit";
import { isAppError } from "@/lib/errors/app-error";
import { issueBillingRun, startBillingRun, streamBillingPreview } from "@/lib/invoices";
import { previewBillingPeriod } from "@/lib/invoices/preview";
import { applyBookChanges, readBookCells } from "./book";
import { cellKey } from "./cells";
import { applyImport, exportVersionCsv, previewImport } from "./csv";
import { explainPriceRefusal } from "./refusals";
import { createVersion, deleteVersion, listVersions } from "./versions";

const db = () => globalThis.testDb.db;
const actor = systemActor;
/** The seed's today: 2026-10 is the last closed month, 2026-12 is next month. */
const TODAY = "2026-11-24";

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date(`${TODAY}T00:00:00Z`) });
});

async function versionOf(month: string) {
  const version = (await listVersions(db(), TODAY)).find((v) => v.month === month);
  if (!version) throw new Error(`no version for ${month}`);
  return version;
}

/** Thames (GBP, Tier 3, paid for six months) as a preview of `period` rates it. */
async function thamesPreview(period: string) {
  const [thames] = await db()
    .select()
    .from(s.resellers)
    .where(eq(s.resellers.name, "Thames Managed Services"));
  for await (const contract of streamBillingPreview(db(), period)) {
    if (contract.resellerId === thames!.id) return contract;
  }
  throw new Error(`Thames is not billed for ${period}`);
}

async function rowCounts(versionId: string) {
  const [p] = await db().select({ n: count() }).from(s.prices).where(eq(s.prices.versionId, versionId));
  const [c] = await db()
    .select({ n: count() })
    .from(s.tierCommitments)
    .where(eq(s.tierCommitments.versionId, versionId));
  return { prices: Number(p?.n), commitments: Number(c?.n) };
}

async function refusalOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const explained = explainPriceRefusal(error);
    if (isAppError(explained)) return explained;
    throw error;
  }
  throw new Error("expected a refusal");
}

const T3_GBP = { kind: "commitment" as const, tier: "T3", sku: null, currency: "GBP" };

describe("price versions", () => {
  it("a version for next month copies the whole book of the version in force and is scheduled", async () => {
    const before = await versionOf("2000-01");
    const created = await createVersion(db(), { month: "2026-12", note: "December list" }, actor);
    expect(created.effectiveFrom).toBe("2026-12-01");
    expect(await rowCounts(created.id)).toEqual(await rowCounts(before.id));
    expect(created.prices).toBeGreaterThan(0);
    expect(Object.fromEntries(await readBookCells(db(), created.id))).toEqual(
      Object.fromEntries(await readBookCells(db(), before.id)),
    );
    const versions = await listVersions(db(), TODAY);
    expect(versions.map((v) => [v.month, v.state])).toEqual([
      ["2026-12", "scheduled"],
      ["2000-01", "in force"],
    ]);
    await expect(createVersion(db(), { month: "2026-12", note: "" }, actor)).rejects.toThrow(
      "A version already starts on 2026-12-01",
    );
  });

  it("next month's preview uses next month's version while this month's keeps the current one", async () => {
    const december = await versionOf("2026-12");
    const thisMonthBefore = await thamesPreview("2026-11");
    await applyBookChanges(
      db(),
      {
        versionId: december.id,
        changes: [{ ...T3_GBP, from: null, to: "2222.5" }],
        today: TODAY,
        source: "grid",
      },
      actor,
    );
    const next = await previewBillingPeriod(db(), { period: "2026-12", today: TODAY });
    expect(next.upcoming).toBe(true);
    expect(next.commitments).toContainEqual({
      currency: "GBP",
      tier: "T3",
      commitment: "2222.50",
      contracts: 1,
    });
    expect((await thamesPreview("2026-12")).commitment).toBe("2222.50");
    const thisMonth = await thamesPreview("2026-11");
    expect(thisMonth.commitment).toBe(thisMonthBefore.commitment);
    expect(thisMonth.commitment).not.toBe("2222.50");
    // Two months ahead is still refused.
    await expect(previewBillingPeriod(db(), { period: "2027-01", today: TODAY })).rejects.toThrow(
      "2027-01 has not started yet",
    );
  });

  it("a CSV export imported back unchanged previews no changes", async () => {
    const december = await versionOf("2026-12");
    const { csv, filename } = await exportVersionCsv(db(), december.id, TODAY);
    expect(filename).toBe("price-book-2026-12-01.csv");
    expect(csv.split("\n")[0]).toBe("kind,tier,sku,currency,amount");
    expect(csv).toContain("commitment,T3,,GBP,2222.50");
    const preview = await previewImport(db(), { versionId: december.id, csv, today: TODAY });
    expect(preview.changes).toEqual([]);
    expect(preview.summary).toEqual({ changed: 0, added: 0, removed: 0 });
  });

  it("an import with one bad row names its line and changes nothing; a good one applies all of it", async () => {
    const december = await versionOf("2026-12");
    const before = await readBookCells(db(), december.id);
    const { csv } = await exportVersionCsv(db(), december.id, TODAY);
    const lines = csv.trimEnd().split("\n");
    // Line 1 is the header: line 2 raises T0's USD commitment, line 6 gets 5 decimals.
    lines[1] = lines[1]!.replace(/,[^,]+$/, ",10");
    lines[5] = lines[5]!.replace(/,[^,]+$/, ",1.23456");
    const bad = `${lines.join("\n")}\n`;
    const refused = await refusalOf(previewImport(db(), { versionId: december.id, csv: bad, today: TODAY }));
    expect(refused.message).toBe("The CSV has 1 error (first at line 6); nothing was imported.");
    expect(refused.fieldErrors?.csv).toEqual(["Line 6: 1.23456 has 5 decimals; at most 4."]);
    await expect(
      applyImport(
        db(),
        { versionId: december.id, csv: bad, fingerprint: "0".repeat(64), today: TODAY },
        actor,
      ),
    ).rejects.toThrow("first at line 6");
    expect(await readBookCells(db(), december.id)).toEqual(before);

    // Unknown codes, a negative amount, a duplicate and a missing USD commitment, each on its line.
    const withoutT1Usd = csv
      .trimEnd()
      .split("\n")
      .filter((l) => !l.startsWith("commitment,T1,,USD,"));
    const sku = csv
      .split("\n")
      .find((l) => l.startsWith("price,"))!
      .split(",")[2];
    withoutT1Usd.push(
      `price,T9,${sku},USD,1`,
      "price,T1,nope,USD,1",
      `price,T1,${sku},CHF,1`,
      withoutT1Usd[1]!,
      "commitment,T2,,EUR,-4",
    );
    const many = await refusalOf(
      previewImport(db(), { versionId: december.id, csv: withoutT1Usd.join("\n"), today: TODAY }),
    );
    const n = withoutT1Usd.length;
    expect(many.fieldErrors?.csv).toEqual([
      `Line ${n - 4}: unknown tier “T9”.`,
      `Line ${n - 3}: unknown service “nope”.`,
      `Line ${n - 2}: currency “CHF” is not a price-list currency (USD, EUR, GBP, AUD, JPY, CAD).`,
      `Line ${n - 1}: duplicates line 2 (same kind, tier, sku and currency).`,
      `Line ${n}: -4 is negative; amounts are 0 or more.`,
      "Whole file: tier T1 has no USD commitment row (every tier needs one).",
    ]);

    const good = csv.replace("commitment,T3,,GBP,2222.50", "commitment,T3,,GBP,2300");
    const preview = await previewImport(db(), { versionId: december.id, csv: good, today: TODAY });
    expect(preview.changes).toEqual([{ ...T3_GBP, from: "2222.5", to: "2300" }]);
    expect(
      await applyImport(
        db(),
        { versionId: december.id, csv: good, fingerprint: preview.fingerprint, today: TODAY },
        actor,
      ),
    ).toEqual({ applied: 1 });
    expect((await readBookCells(db(), december.id)).get(cellKey(T3_GBP))).toBe("2300");
    const audits = await db()
      .select()
      .from(s.auditLog)
      .where(
        and(eq(s.auditLog.entityId, december.id), eq(s.auditLog.action, "price_version.prices_changed")),
      );
    expect(audits.at(-1)?.data).toMatchObject({
      source: "csv",
      changes: [{ tier: "T3", before: "2222.5", after: "2300" }],
    });
  });

  it("a version that priced issued invoices never changes, and no version starts on or before an issued period", async () => {
    const run = await startBillingRun(db(), { period: "2026-10", actor, today: TODAY });
    await issueBillingRun(db(), { runId: run.id, actor, today: TODAY });
    const initial = await versionOf("2000-01");
    expect(initial.lockedPeriod).toBe("2026-10");
    expect((await versionOf("2026-12")).lockedPeriod).toBeNull();

    const edit = await refusalOf(
      applyBookChanges(
        db(),
        {
          versionId: initial.id,
          changes: [{ ...T3_GBP, from: null, to: "1" }],
          today: TODAY,
          source: "grid",
        },
        actor,
      ),
    );
    expect(edit.message).toBe("This version priced issued invoices for 2026-10; make a new version.");
    const { csv } = await exportVersionCsv(db(), initial.id, TODAY);
    expect(
      (await refusalOf(previewImport(db(), { versionId: initial.id, csv, today: TODAY }))).message,
    ).toContain("priced issued invoices for 2026-10");
    expect((await refusalOf(deleteVersion(db(), initial.id, TODAY, actor))).message).toContain("2026-10");
    // The database refuses it even past the service's checks, and says why.
    const direct = await refusalOf(
      db().update(s.prices).set({ unitPrice: "1" }).where(eq(s.prices.versionId, initial.id)),
    );
    expect(direct.message).toBe("This version priced issued invoices for 2026-10; make a new version.");

    for (const month of ["2026-10", "2026-09"]) {
      expect((await refusalOf(createVersion(db(), { month, note: "" }, actor))).message).toBe(
        "Invoices for 2026-10 are issued: a new version must start after 2026-10.",
      );
    }
    const sneaky = await refusalOf(db().insert(s.priceVersions).values({ effectiveFrom: "2026-08-01" }));
    expect(sneaky.message).toBe("Invoices for 2026-10 are issued: a new version must start after 2026-10.");

    // November is not issued: a correction version for it may still be made, and a version that priced
    // nothing issued may be deleted (its rows go with it).
    const november = await createVersion(db(), { month: "2026-11", note: "Correction" }, actor);
    await deleteVersion(db(), november.id, TODAY, actor);
    expect(await rowCounts(november.id)).toEqual({ prices: 0, commitments: 0 });
    expect((await listVersions(db(), TODAY)).map((v) => v.month)).toEqual(["2026-12", "2000-01"]);
  });
});
