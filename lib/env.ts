import { z } from "zod";
import { decodeSecretsKey } from "./security/secrets-key";

/**
 * The one reader of `process.env`: every setting Tierline understands, validated with zod. Read through
 * `env()` at the moment of use (scripts/run.ts fills some variables in before Next.js starts, and tests
 * change them), never by destructuring process.env elsewhere.
 */
const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).optional(),
  DATABASE_URL: optionalText,
  TIERLINE_DB_ENGINE: z.enum(["pglite", "postgresql"]).optional(),
  TIERLINE_DATA_DIR: optionalText,
  PGLITE_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  /**
   * What this process runs: `all` (web server and background worker, the default), or only `web` or only
   * `worker`, for several instances sharing one PostgreSQL (docs/ARCHITECTURE.md, Deployment).
   */
  TIERLINE_ROLE: z.enum(["all", "web", "worker"]).default("all"),
  PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  /** The address the web server listens on (scripts/next-server.mjs); all interfaces when unset. */
  HOSTNAME: optionalText,
  /** The public origin of the app (scheme, host, optional port): the base of every emailed link. */
  APP_URL: z
    .url({
      protocol: /^https?$/,
      message: "APP_URL must be an http(s) URL such as https://portal.example.com",
    })
    .optional()
    .transform((v) => (v ? v.replace(/\/+$/, "") : undefined)),
  AUTH_SECRET: optionalText,
  /**
   * The AES-256-GCM key of secrets stored in the database (an Acronis datacenter's client secret,
   * lib/security/secrets.ts): 32 bytes as base64 or hex. `npm run dev` and demos generate one under the data
   * directory; production without it can use only the datacenter ACRONIS_* configure.
   */
  TIERLINE_SECRETS_KEY: optionalText.refine((v) => v === undefined || decodeSecretsKey(v) !== null, {
    message:
      "TIERLINE_SECRETS_KEY must be 32 bytes written as base64 or hex, e.g. the output of `openssl rand -base64 32`",
  }),
  /** Demo data and known demo passwords exist only when this is set (npm run dev sets it). */
  TIERLINE_DEMO: flag,
  /** The first distributor admin of a production install (no demo). */
  ADMIN_EMAIL: z
    .string()
    .regex(/^[^\s@]+@[^\s@]+$/, "ADMIN_EMAIL must be an email address, e.g. ops@example.com")
    .optional(),
  /** How many reverse proxies in front of the app append to X-Forwarded-For (0: trust none). */
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  /** Bearer token that reads the database details of /api/health (monitoring); unset: admins only. */
  HEALTH_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 16, {
    message: "HEALTH_TOKEN must be at least 16 characters",
  }),
  SMTP_URL: optionalText,
  SMTP_FROM: optionalText,
  ACRONIS_BASE_URL: optionalText,
  ACRONIS_CLIENT_ID: optionalText,
  ACRONIS_CLIENT_SECRET: optionalText,
  TIERLINE_ACRONIS: z.enum(["simulator", "configured"]).optional(),
  /** Requests per minute each API key may make to /api/v1 (lib/api/v1, the shared limiter); 429 beyond. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
  /**
   * Seconds between a webhook delivery's automatic attempts, comma-separated (lib/webhooks); the endpoint is
   * disabled after the last one fails. Default: 30 s, 2 min, 10 min, 1 h, 5 h, 10 h, 24 h (about 40 h).
   */
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .regex(/^\d+(,\d+)*$/, "WEBHOOK_RETRY_SCHEDULE must be seconds separated by commas, e.g. 30,120,600")
    .default("30,120,600,3600,18000,36000,86400")
    .transform((v) => v.split(",").map(Number)),
  /**
   * Webhook URLs may point at private addresses (a receiver on the same network). Off by default: a webhook
   * must not become a way to reach the internal network. Demo mode allows loopback only (a local receiver).
   */
  WEBHOOK_ALLOW_PRIVATE_URLS: flag,
  /** Port of the built-in Acronis simulator (0 or unset: any free port). */
  ACRONIS_SIM_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
});

export type Env = z.infer<typeof schema>;

/** The validated environment; throws one readable message naming every bad variable. */
export function env(): Env {
  const parsed = schema.safeParse(process.env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  throw new Error(`Invalid environment: ${problems}`);
}

/** Whether demo data (and its known passwords) may exist: only with TIERLINE_DEMO=1. */
export function isDemoMode(): boolean {
  return env().TIERLINE_DEMO;
}

/**
 * Fills in settings the launcher decided (the embedded database's URL, the built-in simulator's address and
 * client), for this process and the processes it starts; the one writer of `process.env` besides scripts.
 */
export function provideEnv(values: Partial<Record<keyof Env, string>>): void {
  for (const [key, value] of Object.entries(values)) if (value !== undefined) process.env[key] = value;
}
