/**
 * The Node side of a billing run on one batch, measured in isolation and repeatably: loads one batch of
 * contracts from a database filled by `bench:billing --setup-only`, then times (CPU, this process) the
 * three things the run does per batch in Node — parse the inputs from the database, rate them with
 * lib/billing, and build the COPY text of their lines. No writes.
 *
 *   npm run bench:rating -- --database-url postgres://…/tierline_bench [--batch-size 500] [--rounds 5]
 */
import { parseArgs } from "node:util";
import { createDb, setDbHandle } from "../db/client";
import { loadContractInputs } from "../lib/invoices";
import { loadRunCatalogue, prefetchInputs } from "../lib/invoices/billing-run";
import { listCoveredContractIds } from "../lib/invoices/coverage";
import { copyChunks } from "../lib/invoices/draft-writer";
import type { RatedContract } from "../lib/invoices/rate-contracts";
import { rateOrExplain } from "../lib/invoices/rate-errors";

const PERIOD = "2026-10";
const { values: args } = parseArgs({
  options: {
    "database-url": { type: "string" },
    "batch-size": { type: "string", default: "500" },
    rounds: { type: "string", default: "5" },
  },
});
const url = args["database-url"] ?? process.env.DATABASE_URL;
if (!url) throw new Error("--database-url (a database filled by bench:billing --setup-only) is required");
const handle = createDb(url, { max: 2, embedded: false });
await setDbHandle(handle);
const rounds = Number(args.rounds);

const catalogue = await loadRunCatalogue(handle.db, PERIOD);
const ids = await listCoveredContractIds(handle.db, PERIOD, {
  after: null,
  limit: Number(args["batch-size"]),
});

function cpu<T>(what: string, lines: number, run: () => T): T {
  let result: T | undefined;
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = process.cpuUsage();
    result = run();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(
    `${what.padEnd(22)} median ${median.toFixed(0).padStart(6)} ms CPU  (${((median * 1000) / lines).toFixed(2)} µs per line; rounds ${times.map((t) => t.toFixed(0)).join(", ")} ms)`,
  );
  return result as T;
}

// Loading includes the database's time; its Node share is the CPU figure.
let loaded = await loadContractInputs(handle.db, catalogue, ids);
const lineCount = loaded.reduce((n, c) => n + c.input.usage.length, 0);
const loadTimes: number[] = [];
const loadWalls: number[] = [];
for (let round = 0; round < rounds; round += 1) {
  const start = process.cpuUsage();
  const wall = performance.now();
  loaded = await prefetchInputs(handle.db, catalogue, ids); // as the run reads a batch
  loadWalls.push(performance.now() - wall);
  const used = process.cpuUsage(start);
  loadTimes.push((used.user + used.system) / 1000);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const loadMedian = median(loadTimes);
console.log(`${ids.length} contracts, ${lineCount} usage rows`);
console.log(
  `${"load (Node CPU)".padEnd(22)} median ${loadMedian.toFixed(0).padStart(6)} ms CPU  (${((loadMedian * 1000) / lineCount).toFixed(2)} µs per line; wall, database included, ${median(loadWalls).toFixed(0)} ms)`,
);
const rated = cpu("rate", lineCount, () =>
  loaded.map((entry) => rateOrExplain(catalogue, entry)).filter((r): r is RatedContract => r !== null),
);
const invoiceIds = new Map(rated.map((r) => [r.loaded.contractId, r.loaded.contractId]));
cpu("COPY text", lineCount, () => {
  const counter = { lines: 0 };
  let bytes = 0;
  for (const chunk of copyChunks(rated, invoiceIds, counter)) bytes += chunk.length;
  return bytes;
});
await handle.sql.end({ timeout: 5 });
