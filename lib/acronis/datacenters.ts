import "server-only";
import { createHash } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { acronisDatacenters, datacenterCountries, ENV_DATACENTER_ID, resellers } from "@/db/schema";
import { log } from "@/lib/log";
import { decryptSecret, encryptSecret, SecretDecryptError, secretsKeyFromEnv } from "@/lib/security/secrets";
import { type AcronisClient, type AcronisClientOptions, createAcronisClient } from "./client";
import { type AcronisConfig, acronisConfigFromEnv } from "./config";
import type { AcronisDirectory } from "./directory";

/**
 * The Acronis datacenters as data (issue 14): the one ACRONIS_* configure (row ENV_DATACENTER_ID, its
 * secret only in the environment) and the ones staff add on /admin/acronis, whose client secret is stored
 * encrypted with TIERLINE_SECRETS_KEY. Each reseller lives in one (`resellers.datacenter_id`); every job,
 * sync and report asks this directory for that datacenter's client.
 */
export { ENV_DATACENTER_ID };

/** Timeouts and retries of every client a directory builds (the web's: one retry, 15 s). */
export type ClientTuning = Omit<AcronisClientOptions, "baseUrl" | "clientId" | "clientSecret">;

export type DirectoryOptions = {
  tuning?: ClientTuning;
  /** The environment's datacenter (default: ACRONIS_*). */
  envConfig?: () => AcronisConfig;
  /** The key stored secrets were encrypted with (default: TIERLINE_SECRETS_KEY). */
  secretsKey?: () => Buffer | null;
};

/** A datacenter whose client cannot be built; the message names it and never its secret. */
export class DatacenterUnavailableError extends Error {
  readonly datacenterId: string;
  constructor(datacenterId: string, message: string) {
    super(message);
    this.name = "DatacenterUnavailableError";
    this.datacenterId = datacenterId;
  }
}

export function isDatacenterUnavailable(error: unknown): error is DatacenterUnavailableError {
  return error instanceof DatacenterUnavailableError;
}

/** Authenticated with the ciphertext: a secret copied onto another datacenter's row does not decrypt. */
function secretContext(datacenterId: string): string {
  return `acronis_datacenters:${datacenterId}:client_secret`;
}

/** The stored form of a datacenter's client secret (lib/datacenters writes it, this module reads it). */
export function encryptDatacenterSecret(datacenterId: string, secret: string, key: Buffer): string {
  return encryptSecret(secret, key, secretContext(datacenterId));
}

type Resolved = { config: AcronisConfig; stamp: string };

const digest = (...parts: (string | null)[]) =>
  createHash("sha256")
    .update(parts.map((p) => p ?? "").join("\n"))
    .digest("hex");

function envDatacenterConfig(options: DirectoryOptions): Resolved {
  try {
    const config = (options.envConfig ?? acronisConfigFromEnv)();
    return { config, stamp: `env:${digest(config.baseUrl, config.clientId, config.clientSecret)}` };
  } catch (error) {
    // acronisConfigFromEnv names the variables, never their values.
    const why = error instanceof Error ? error.message : "ACRONIS_* is incomplete";
    throw new DatacenterUnavailableError(
      ENV_DATACENTER_ID,
      `The datacenter configured in the environment cannot be used: ${why}.`,
    );
  }
}

/** The datacenter's URL and credentials, decrypted; `stamp` changes whenever the row's connection does. */
async function resolveDatacenter(db: DbOrTx, id: string, options: DirectoryOptions): Promise<Resolved> {
  if (id === ENV_DATACENTER_ID) return envDatacenterConfig(options);
  const [row] = await db
    .select({
      name: acronisDatacenters.name,
      fromEnv: acronisDatacenters.fromEnv,
      baseUrl: acronisDatacenters.baseUrl,
      clientId: acronisDatacenters.clientId,
      clientSecretEnc: acronisDatacenters.clientSecretEnc,
      updatedAt: acronisDatacenters.updatedAt,
    })
    .from(acronisDatacenters)
    .where(eq(acronisDatacenters.id, id));
  if (!row) throw new DatacenterUnavailableError(id, `Acronis datacenter ${id} does not exist.`);
  if (row.fromEnv) return envDatacenterConfig(options);
  if (!row.baseUrl || !row.clientId || !row.clientSecretEnc)
    throw new DatacenterUnavailableError(id, `Datacenter "${row.name}" has no complete connection.`);
  const key = (options.secretsKey ?? secretsKeyFromEnv)();
  if (!key)
    throw new DatacenterUnavailableError(
      id,
      `The client secret of datacenter "${row.name}" is stored encrypted and TIERLINE_SECRETS_KEY is not set: set it to the key the secret was stored with.`,
    );
  let clientSecret: string;
  try {
    clientSecret = decryptSecret(row.clientSecretEnc, key, secretContext(id));
  } catch (error) {
    if (!(error instanceof SecretDecryptError)) throw error;
    throw new DatacenterUnavailableError(
      id,
      error.reason === "wrong_key"
        ? `The client secret of datacenter "${row.name}" could not be decrypted: TIERLINE_SECRETS_KEY is not the key it was stored with. Restore that key, or enter the secret again on /admin/acronis.`
        : `The client secret of datacenter "${row.name}" is stored in a form Tierline does not read: enter it again on /admin/acronis.`,
    );
  }
  return {
    config: { baseUrl: row.baseUrl, clientId: row.clientId, clientSecret },
    stamp: digest(row.updatedAt.toISOString(), row.baseUrl, row.clientId, row.clientSecretEnc),
  };
}

/** A new client of one datacenter with its own token (the connection test must prove the credentials now). */
export async function buildDatacenterClient(
  db: DbOrTx,
  datacenterId: string,
  options: DirectoryOptions = {},
): Promise<AcronisClient> {
  const { config } = await resolveDatacenter(db, datacenterId, options);
  return createAcronisClient({ ...options.tuning, ...config });
}

export type DbAcronisDirectory = AcronisDirectory & {
  /** Drops cached clients (one datacenter's, or all): the next call builds them from the row again. */
  forget(datacenterId?: string): void;
};

/**
 * The database-backed directory: one client per datacenter, cached (its token reused) and rebuilt when the
 * datacenter's row changes (checked on every call: one primary-key read), so an edited URL or secret takes
 * effect in every process without a restart.
 */
export function createAcronisDirectory(db: DbOrTx, options: DirectoryOptions = {}): DbAcronisDirectory {
  const cache = new Map<string, { stamp: string; client: AcronisClient }>();
  return {
    async client(datacenterId) {
      const { config, stamp } = await resolveDatacenter(db, datacenterId, options);
      const cached = cache.get(datacenterId);
      if (cached?.stamp === stamp) return cached.client;
      const client = createAcronisClient({ ...options.tuning, ...config });
      cache.set(datacenterId, { stamp, client });
      return client;
    },
    forget(datacenterId) {
      if (datacenterId) cache.delete(datacenterId);
      else cache.clear();
    },
  };
}

/** Requests a person waits on (sign-up's login check, the admin's Sync now): one retry, 15 s per attempt. */
export const WEB_CLIENT_TUNING: ClientTuning = { maxRetries: 1, timeoutMs: 15_000 };

const webDirectories = new WeakMap<object, DbAcronisDirectory>();

/** One short-fused directory per web process and database, so each datacenter's token is reused. */
export function webAcronisDirectory(db: DbOrTx): DbAcronisDirectory {
  let directory = webDirectories.get(db);
  if (!directory) {
    directory = createAcronisDirectory(db, { tuning: WEB_CLIENT_TUNING });
    webDirectories.set(db, directory);
  }
  return directory;
}

/**
 * Fills the environment's row with ACRONIS_BASE_URL and ACRONIS_CLIENT_ID for display (never the secret,
 * which stays in the environment). Run at every start: the built-in simulator's port may change.
 */
export async function ensureEnvDatacenter(db: DbOrTx, config?: AcronisConfig): Promise<void> {
  let current = config;
  if (!current) {
    try {
      current = acronisConfigFromEnv();
    } catch {
      return;
    }
  }
  const [clash] = await db
    .select({ name: acronisDatacenters.name })
    .from(acronisDatacenters)
    .where(
      and(eq(acronisDatacenters.baseUrl, current.baseUrl), ne(acronisDatacenters.id, ENV_DATACENTER_ID)),
    );
  if (clash) {
    // Staff stored the same datacenter by hand: both work, the environment's row just shows no URL.
    log.warn(
      { datacenter: clash.name },
      "[acronis] ACRONIS_BASE_URL is also a stored datacenter's URL; resellers should use one of the two",
    );
  }
  await db
    .update(acronisDatacenters)
    .set({ baseUrl: clash ? null : current.baseUrl, clientId: current.clientId, updatedAt: new Date() })
    .where(eq(acronisDatacenters.id, ENV_DATACENTER_ID));
}

/** Where a new reseller from `country` is provisioned: the country map, else the default datacenter. */
export async function datacenterForCountry(db: DbOrTx, country: string): Promise<string> {
  const [mapped] = await db
    .select({ id: datacenterCountries.datacenterId })
    .from(datacenterCountries)
    .where(eq(datacenterCountries.country, country.toUpperCase()));
  if (mapped) return mapped.id;
  const [fallback] = await db
    .select({ id: acronisDatacenters.id })
    .from(acronisDatacenters)
    .where(eq(acronisDatacenters.isDefault, true));
  return fallback?.id ?? ENV_DATACENTER_ID;
}

/** The datacenter a reseller's partner tenant lives in. */
export async function datacenterOfReseller(db: DbOrTx, resellerId: string): Promise<string> {
  const [row] = await db
    .select({ id: resellers.datacenterId })
    .from(resellers)
    .where(eq(resellers.id, resellerId));
  if (!row) throw new Error(`Reseller ${resellerId} does not exist.`);
  return row.id;
}

/** The datacenter's management console (its base URL), or null when it is not known. */
export async function datacenterConsoleUrl(db: DbOrTx, datacenterId: string): Promise<string | null> {
  const [row] = await db
    .select({ baseUrl: acronisDatacenters.baseUrl, fromEnv: acronisDatacenters.fromEnv })
    .from(acronisDatacenters)
    .where(eq(acronisDatacenters.id, datacenterId));
  if (row?.baseUrl) return `${row.baseUrl}/`;
  if (row?.fromEnv || datacenterId === ENV_DATACENTER_ID) {
    try {
      return `${acronisConfigFromEnv().baseUrl}/`;
    } catch {
      return null;
    }
  }
  return null;
}
