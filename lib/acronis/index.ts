// Tierline's Acronis Cyber Protect Cloud client: the only module that knows Acronis URLs and payloads.
export { type AcronisClient, type AcronisClientOptions, createAcronisClient } from "./client";
export { type AcronisConfig, acronisConfigFromEnv, normalizeBaseUrl } from "./config";
export { type AcronisDirectory, isAcronisDirectory, singleDatacenter, toDirectory } from "./directory";
export {
  ACRONIS_ERROR_CODES,
  AcronisError,
  type AcronisErrorKind,
  isAcronisError,
  isNameConflictError,
  isStaleVersionError,
} from "./errors";
export type { FetchLike } from "./http";
export { classifyInfrastructure, HYPERSCALER_BACKEND } from "./infra";
export { parseAcronisTime } from "./mappers";
export { parseUsageReport } from "./report-formats";
export type { FetchUsageReportInput, UsageReportInput, WaitOptions } from "./reports";
export type * from "./types";
export type { UsageQuery } from "./usage";
