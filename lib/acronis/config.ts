import { z } from "zod";
import { type Env, env as readEnv } from "@/lib/env";

export type AcronisConfig = {
  /** Datacenter URL, e.g. `https://eu2-cloud.acronis.com` (a trailing `/api/2` is accepted). */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
};

const EnvSchema = z.object({
  ACRONIS_BASE_URL: z.url({ protocol: /^https?$/ }),
  ACRONIS_CLIENT_ID: z.string().trim().min(1),
  ACRONIS_CLIENT_SECRET: z.string().trim().min(1),
});

/** The only place that reads Acronis settings from the environment. */
export function acronisConfigFromEnv(env: Partial<Record<keyof Env, unknown>> = readEnv()): AcronisConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    // Name the variables only: values (the secret above all) never go into messages.
    const names = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].join(", ");
    throw new Error(`Invalid Acronis configuration: check ${names}`);
  }
  return {
    baseUrl: normalizeBaseUrl(parsed.data.ACRONIS_BASE_URL),
    clientId: parsed.data.ACRONIS_CLIENT_ID,
    clientSecret: parsed.data.ACRONIS_CLIENT_SECRET,
  };
}

/** `https://dc.example/api/2/` → `https://dc.example`. */
export function normalizeBaseUrl(url: string): string {
  return url
    .trim()
    .replace(/\/+$/, "")
    .replace(/\/api\/2$/, "");
}
