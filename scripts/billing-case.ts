// Rates one golden billing case: `npm run --silent billing:case -- path/to/case.json`.
// Prints the computed `expected`-shaped JSON on stdout; bad input → message on stderr, exit 1.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { BillingError, billingCaseFileSchema, ratePeriod, toCaseOutput } from "../lib/billing";

function fail(message: string): never {
  process.stderr.write(`billing:case: ${message}\n`);
  process.exit(1);
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    fail(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    fail(`${file} is not JSON: ${(error as Error).message}`);
  }
}

const file = process.argv.slice(2).find((arg) => arg !== "--");
if (!file) fail("usage: npm run --silent billing:case -- path/to/case.json");

const parsed = billingCaseFileSchema.safeParse(readJson(file));
if (!parsed.success) fail(`invalid case file ${file}:\n${z.prettifyError(parsed.error)}`);

try {
  const output = toCaseOutput(ratePeriod(parsed.data.input));
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
} catch (error) {
  if (error instanceof BillingError) fail(`${file}: ${error.message} (${error.code})`);
  throw error;
}
