import "server-only";
import type { AcronisClient } from "./client";
import { createAcronisClient } from "./client";
import { acronisConfigFromEnv } from "./config";

/**
 * A short-fused client for requests a person is waiting on (one retry, 15 s), unlike the worker's patient
 * one. A new client issues its own token — the admin's connection test must prove the credentials now.
 */
export function createWebAcronisClient(): AcronisClient {
  return createAcronisClient({ ...acronisConfigFromEnv(), maxRetries: 1, timeoutMs: 15_000 });
}

let shared: AcronisClient | undefined;

/** One client per web process, so its token is reused across requests (sign-up login checks). */
export function sharedWebAcronisClient(): AcronisClient {
  shared ??= createWebAcronisClient();
  return shared;
}
