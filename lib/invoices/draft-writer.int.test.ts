import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { periodEnd } from "@/lib/billing";
import { onPostgres } from "@/tests/engine";
import { loadRunCatalogue } from "./billing-run";
import { loadContractInputs } from "./contract-loader";
import { listCoveredContractIds } from "./coverage";
import { acceptsCopy, copyFrom, copyText, writeDrafts } from "./draft-writer";
import { type RatedContract, rateLoadedContract } from "./rate-contracts";

const db = () => globalThis.testDb.db;
const PERIOD = "2026-10";
// Every character COPY's text format escapes, plus quotes and a non-ASCII letter.
const AWKWARD_NAME = 'Tab\there, back\\slash, new\nline, return\r, "quoted" Bäckerei \\N';

beforeAll(async () => {
  await seedDatabase(db(), { today: new Date("2026-11-24T00:00:00Z") });
  // A customer that has usage in the period gets a name full of special characters.
  await db().execute(sql`
    update customers set name = ${AWKWARD_NAME}
    where id = (select customer_id from usage_snapshots
      where day >= ${`${PERIOD}-01`} and day < ${periodEnd(PERIOD)} order by customer_id limit 1)`);
});

async function ratePeriodContracts(): Promise<RatedContract[]> {
  const catalogue = await loadRunCatalogue(db(), PERIOD);
  const ids = await listCoveredContractIds(db(), PERIOD, { after: null, limit: 1000 });
  const loaded = await loadContractInputs(db(), catalogue, ids);
  return loaded.flatMap((contract) => rateLoadedContract(catalogue, contract) ?? []);
}

/** Every stored column of the lines of `period`'s invoices except the generated ids, in invoice order. */
async function storedLines(period: string) {
  return db()
    .select({
      contractId: s.invoices.contractId,
      position: s.invoiceLines.position,
      type: s.invoiceLines.type,
      customerId: s.invoiceLines.customerId,
      customerName: s.invoiceLines.customerName,
      skuCode: s.invoiceLines.skuCode,
      description: s.invoiceLines.description,
      unit: s.invoiceLines.unit,
      quantity: s.invoiceLines.quantity,
      unitPrice: s.invoiceLines.unitPrice,
      amount: s.invoiceLines.amount,
      unitCost: s.invoiceLines.unitCost,
      costAmount: s.invoiceLines.costAmount,
    })
    .from(s.invoiceLines)
    .innerJoin(s.invoices, eq(s.invoices.id, s.invoiceLines.invoiceId))
    .where(eq(s.invoices.period, period))
    .orderBy(asc(s.invoices.contractId), asc(s.invoiceLines.position));
}

function write(period: string, rated: RatedContract[], copy: boolean) {
  return db().transaction((tx) =>
    writeDrafts(tx, {
      runId: null,
      period,
      invoiceDate: periodEnd(PERIOD),
      rated,
      staleDraftIds: [],
      replacedDraftIds: [],
      copy,
    }),
  );
}

/** numeric(…, 4) columns come back with 4 decimals. */
const scale4 = (value: string | null) => {
  if (value === null) return null;
  const [whole, fraction = ""] = value.split(".");
  return `${whole}.${fraction.padEnd(4, "0")}`;
};

describe("draft writer", () => {
  it("uses COPY on PostgreSQL and the unnest insert on PGlite", async () => {
    expect(await acceptsCopy(db())).toBe(globalThis.testEngine === "postgresql");
  });

  it("stores every rated line exactly, special characters included", async () => {
    const rated = await ratePeriodContracts();
    const copy = await acceptsCopy(db());
    const count = await write(PERIOD, rated, copy);
    const expected = [...rated]
      .sort((a, b) => (a.loaded.contractId < b.loaded.contractId ? -1 : 1))
      .flatMap((contract) =>
        contract.lines.map((line) => ({
          contractId: contract.loaded.contractId,
          position: line.position,
          type: line.type,
          customerId: line.customerId,
          customerName: line.customerName,
          skuCode: line.skuCode,
          description: line.description,
          unit: line.unit,
          quantity: line.quantity,
          unitPrice: line.unitPrice,
          amount: scale4(line.amount),
          unitCost: line.unitCost,
          costAmount: scale4(line.costAmount),
        })),
      );
    expect(count).toBe(expected.length);
    const stored = await storedLines(PERIOD);
    expect(stored).toEqual(expected);
    expect(stored.some((line) => line.customerName === AWKWARD_NAME)).toBe(true);
  });

  it.skipIf(!onPostgres)(
    "writes the same lines through COPY as through the unnest insert (PostgreSQL only: PGlite has no COPY)",
    async () => {
      const rated = await ratePeriodContracts();
      // The same rated contracts drafted for two other periods, one per path.
      await write("2026-08", rated, false);
      await write("2026-07", rated, true);
      const [inserted, copied] = [await storedLines("2026-08"), await storedLines("2026-07")];
      expect(inserted.length).toBeGreaterThan(0);
      expect(copied).toEqual(inserted);
    },
  );

  it.skipIf(!onPostgres)(
    "the issued-invoice guard also stops lines that arrive by COPY (PostgreSQL only: PGlite has no COPY)",
    async () => {
      // Its own period, drafted by COPY, then one invoice issued.
      await write("2026-06", await ratePeriodContracts(), true);
      const [invoice] = await db()
        .select({ id: s.invoices.id })
        .from(s.invoices)
        .where(eq(s.invoices.period, "2026-06"))
        .limit(1);
      await db().execute(
        sql`update invoices set status = 'issued', number = 'TEST-1' where id = ${invoice!.id}`,
      );
      const linesBefore = await storedLines("2026-06");
      const copyOne = globalThis.testDb.sql.begin(async (tx) => {
        await copyFrom(tx`copy invoice_lines (invoice_id, position, type, description, amount) from stdin`, [
          `${invoice!.id}\t999\tusage\tlate line\t1\n`,
        ]);
      });
      // The guard's own error, not a hang (postgres.js issue 1173), and the connection is usable afterwards.
      await expect(copyOne).rejects.toThrow(/the lines of an issued invoice can never change/);
      expect(await storedLines("2026-06")).toEqual(linesBefore);
      const [{ n } = { n: 0 }] = await globalThis.testDb.sql<{ n: number }[]>`select 1::int as n`;
      expect(n).toBe(1);
    },
  );
});

describe("copyText", () => {
  it("escapes what COPY's text format needs and marks NULL", () => {
    expect(copyText(null)).toBe("\\N");
    expect(copyText("plain Bäckerei")).toBe("plain Bäckerei");
    expect(copyText("a\tb\\c\nd\re")).toBe("a\\tb\\\\c\\nd\\re");
    expect(copyText("\\N")).toBe("\\\\N");
  });
});
