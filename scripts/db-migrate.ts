import { getDb } from "../db/client";
import { getMigrationState, runMigrations } from "../db/migrate";
import { bootInfrastructure } from "../lib/runtime/boot";

// bootInfrastructure migrates (and seeds an empty database, as a first start would).
const booted = await bootInfrastructure();
await runMigrations(getDb());
console.log(`[tierline] migrations on ${booted.engine}:`, await getMigrationState(getDb()));
await booted.stop();
