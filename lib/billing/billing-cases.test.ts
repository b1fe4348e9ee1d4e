import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { toCaseOutput } from "./case-output";
import { dec } from "./money";
import { ratePeriod } from "./rate-period";
import { billingCaseFileSchema } from "./types";

// The golden cases (shared, read-only) and our own hand-worked ones, in the same format.
const folders = [
  path.resolve(__dirname, "../../../shared/billing-cases"),
  path.resolve(__dirname, "../../tests/fixtures/billing-cases"),
];
const caseFiles = folders.flatMap((folder) =>
  readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => path.join(folder, name)),
);

const DECIMAL = /^-?\d+(\.\d+)?$/;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Numbers compared as decimals ("3.8" = "3.8000"), usage lines in any order (README "expected"). */
function normalize(value: Json): Json {
  if (typeof value === "string") return DECIMAL.test(value) ? dec(value).toString() : value;
  if (Array.isArray(value)) return value.map(normalize);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).map(([key, item]): [string, Json] => [key, normalize(item)]);
  const object = Object.fromEntries(entries) as { [key: string]: Json };
  if (Array.isArray(object.lines)) object.lines = sortUsageLines(object.lines);
  return object;
}

function sortUsageLines(lines: Json[]): Json[] {
  const isUsage = (line: Json): line is { [key: string]: Json } =>
    typeof line === "object" && line !== null && !Array.isArray(line) && line.type === "usage";
  const key = (line: Json) =>
    isUsage(line) ? `${line.customer}\u0000${line.sku}\u0000${JSON.stringify(line)}` : "";
  const usage = lines.filter(isUsage).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return [...usage, ...lines.filter((line) => !isUsage(line))];
}

describe("billing cases", () => {
  it("finds the shared golden cases and our fixtures", () => {
    const [shared, ours] = folders.map((folder) => caseFiles.filter((file) => file.startsWith(folder)));
    expect(shared?.length).toBeGreaterThanOrEqual(8);
    expect(ours?.length).toBeGreaterThanOrEqual(10);
  });

  it.each(caseFiles.map((file) => [path.basename(file), file]))("%s", (_name, file) => {
    const raw = JSON.parse(readFileSync(file, "utf8"));
    const parsed = billingCaseFileSchema.parse(raw);
    const actual = toCaseOutput(ratePeriod(parsed.input)) as unknown as Json;
    expect(normalize(actual)).toEqual(normalize(raw.expected));
  });
});
