// Runs the Acronis simulator standalone: `npm run acronis:sim` (PORT, default 8090; state in .data/acronis-sim/).
import path from "node:path";
import { startSimulator } from "../lib/acronis-sim/index";

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8090);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`Invalid PORT '${process.env.PORT}'`);
  const dataDir = path.resolve(process.env.ACRONIS_SIM_DATA_DIR ?? ".data/acronis-sim");
  const sim = await startSimulator({
    port,
    dataDir,
    clientId: process.env.ACRONIS_SIM_CLIENT_ID || undefined,
    clientSecret: process.env.ACRONIS_SIM_CLIENT_SECRET || undefined,
    log: process.env.ACRONIS_SIM_LOG === "1",
  });
  // The secret is printed on purpose: this is a local simulator, and the developer needs it for .env.
  console.log(
    `Acronis simulator listening on ${sim.url} (API under ${sim.url}/api/2, control under ${sim.url}/__sim/)`,
  );
  console.log(`  state:          ${dataDir}/state.json`);
  console.log(`  root tenant:    ${sim.rootTenantId}`);
  console.log(`  ACRONIS_BASE_URL=${sim.url}`);
  console.log(`  ACRONIS_CLIENT_ID=${sim.clientId}`);
  console.log(`  ACRONIS_CLIENT_SECRET=${sim.clientSecret}`);
  const shutdown = () => {
    sim.stop().finally(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
