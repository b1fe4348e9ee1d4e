import "server-only";
import { acronisConfigFromEnv, createAcronisClient } from "@/lib/acronis";

/** The web process's own short-fused client for sign-up checks (the worker keeps its patient one). */
export function signupLoginChecker(): (login: string) => Promise<boolean> {
  const client = createAcronisClient({ ...acronisConfigFromEnv(), maxRetries: 1, timeoutMs: 10_000 });
  return (login) => client.checkLogin(login);
}
