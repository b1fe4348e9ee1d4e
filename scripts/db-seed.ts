import { getDb } from "../db/client";
import { countRows, seedDatabase } from "../db/seed";
import { bootInfrastructure, formatLogins } from "../lib/runtime/boot";

const booted = await bootInfrastructure();
const logins = await seedDatabase(getDb());
console.log(`[tierline] seeded ${booted.engine}:`, await countRows(getDb()));
console.log(formatLogins(logins, process.env.APP_URL ?? "http://localhost:3000"));
await booted.stop();
