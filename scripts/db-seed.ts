import { getDb } from "../db/client";
import { countRows, seedDatabase } from "../db/seed";
import { bootInfrastructure, formatLogins } from "../lib/runtime/boot";

const booted = await bootInfrastructure();
// A demo the start above attached to the built-in simulator has its usage from there (never generated on top);
// otherwise the demo's usage is generated and its closed months billed and issued, as on the app's first start.
const fromSimulator = booted.demo && booted.acronis === "simulator";
const logins = await seedDatabase(getDb(), { demoUsage: !fromSimulator, demoInvoices: true });
console.log(`[tierline] seeded ${booted.engine}:`, await countRows(getDb()));
console.log(formatLogins(logins, process.env.APP_URL ?? "http://localhost:3000"));
await booted.stop();
