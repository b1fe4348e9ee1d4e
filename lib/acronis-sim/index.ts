export { APP_IDS, CATALOGUE, STORAGE_INFRA_ID } from "./catalogue";
export type { SimulatorOptions } from "./context";
export { type Simulator, startSimulator } from "./server";
export { defaultSkus, generatedValue, USAGE_PROFILES } from "./usage-generator";
