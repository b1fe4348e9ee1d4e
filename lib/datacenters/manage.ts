import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { acronisDatacenters, datacenterCountries } from "@/db/schema";
import { encryptDatacenterSecret } from "@/lib/acronis/datacenters";
import { type Actor, writeAudit } from "@/lib/audit";
import { isUniqueViolation } from "@/lib/contracts/store";
import { AppError } from "@/lib/errors/app-error";
import { secretsKeyFromEnv } from "@/lib/security/secrets";
import { countryName } from "@/lib/signup/countries";
import { resellersIn } from "./queries";
import type { CountryDatacenterInput, SaveDatacenterInput } from "./schema";

/**
 * The datacenters staff manage on /admin/acronis: add, edit, make default, delete, and the country map. The
 * client secret is encrypted before it reaches the database and is never read back here; audit entries say
 * that a secret was set, never what it is.
 */

const invalid = (fields: Record<string, string[]>) =>
  new AppError("validation", "Check the highlighted fields.", fields);

/** The key new secrets are encrypted with; without it a secret cannot be stored at all. */
function keyForWriting(): Buffer {
  const key = secretsKeyFromEnv();
  if (!key)
    throw new AppError(
      "conflict",
      "Storing a datacenter's client secret needs TIERLINE_SECRETS_KEY (32 bytes, base64 or hex) in the environment of every Tierline process. Set it and restart; the datacenter configured by ACRONIS_* works without it.",
    );
  return key;
}

async function loadDatacenter(db: DbOrTx, id: string) {
  const [row] = await db.select().from(acronisDatacenters).where(eq(acronisDatacenters.id, id));
  if (!row) throw new AppError("not_found", "This datacenter no longer exists.");
  return row;
}

/** The database's refusals as the form's field messages. */
function refusal(error: unknown, input: SaveDatacenterInput): never {
  if (isUniqueViolation(error, "acronis_datacenters_name_unique"))
    throw invalid({ name: [`Another datacenter is called "${input.name}".`] });
  if (isUniqueViolation(error, "acronis_datacenters_base_url_key"))
    throw invalid({ baseUrl: ["Another datacenter has this URL."] });
  throw error;
}

export type SavedDatacenter = { id: string; name: string; created: boolean };

/** Adds a datacenter (no `id`) or edits one. */
export async function saveDatacenter(
  db: Db,
  actor: Actor,
  input: SaveDatacenterInput,
): Promise<SavedDatacenter> {
  return input.id
    ? updateDatacenter(db, actor, { ...input, id: input.id })
    : createDatacenter(db, actor, input);
}

async function createDatacenter(db: Db, actor: Actor, input: SaveDatacenterInput): Promise<SavedDatacenter> {
  const missing: Record<string, string[]> = {};
  if (!input.baseUrl) missing.baseUrl = ["Enter the datacenter's URL."];
  if (!input.clientId) missing.clientId = ["Enter the API client id."];
  if (!input.clientSecret) missing.clientSecret = ["Enter the API client secret."];
  if (Object.keys(missing).length > 0) throw invalid(missing);
  const key = keyForWriting();
  const id = randomUUID();
  try {
    await db.transaction(async (tx) => {
      await tx.insert(acronisDatacenters).values({
        id,
        name: input.name,
        baseUrl: input.baseUrl!,
        clientId: input.clientId!,
        clientSecretEnc: encryptDatacenterSecret(id, input.clientSecret!, key),
      });
      await writeAudit(tx, actor, {
        action: "datacenter.created",
        entityType: "datacenter",
        entityId: id,
        data: {
          after: { name: input.name, baseUrl: input.baseUrl, clientId: input.clientId },
          secretSet: true,
        },
      });
    });
  } catch (error) {
    refusal(error, input);
  }
  return { id, name: input.name, created: true };
}

async function updateDatacenter(
  db: Db,
  actor: Actor,
  input: SaveDatacenterInput & { id: string },
): Promise<SavedDatacenter> {
  const row = await loadDatacenter(db, input.id);
  if (row.fromEnv) {
    if (input.baseUrl || input.clientId || input.clientSecret)
      throw invalid({
        baseUrl: [
          "This datacenter's connection comes from ACRONIS_* in the environment: only its name changes here.",
        ],
      });
    await db
      .transaction(async (tx) => {
        await tx
          .update(acronisDatacenters)
          .set({ name: input.name })
          .where(eq(acronisDatacenters.id, row.id));
        await writeAudit(tx, actor, {
          action: "datacenter.updated",
          entityType: "datacenter",
          entityId: row.id,
          data: { before: { name: row.name }, after: { name: input.name } },
        });
      })
      .catch((error) => refusal(error, input));
    return { id: row.id, name: input.name, created: false };
  }
  const missing: Record<string, string[]> = {};
  if (!input.baseUrl) missing.baseUrl = ["Enter the datacenter's URL."];
  if (!input.clientId) missing.clientId = ["Enter the API client id."];
  // The stored secret is sent to the URL on every token request: a new URL must come with the secret again,
  // or anyone who can edit this page could send the secret to a server of their choosing.
  if (input.baseUrl && input.baseUrl !== row.baseUrl && !input.clientSecret)
    missing.clientSecret = ["Enter the client secret again: it will be sent to the new URL."];
  if (Object.keys(missing).length > 0) throw invalid(missing);
  const connectionChanged =
    input.baseUrl !== row.baseUrl || input.clientId !== row.clientId || Boolean(input.clientSecret);
  const clientSecretEnc = input.clientSecret
    ? encryptDatacenterSecret(row.id, input.clientSecret, keyForWriting())
    : undefined;
  await db
    .transaction(async (tx) => {
      await tx
        .update(acronisDatacenters)
        .set({
          name: input.name,
          baseUrl: input.baseUrl!,
          clientId: input.clientId!,
          ...(clientSecretEnc ? { clientSecretEnc } : {}),
          // A new connection has not been tested; the cached clients of every process rebuild on updated_at.
          ...(connectionChanged
            ? { updatedAt: new Date(), lastTestOk: null, lastTestedAt: null, lastTestMessage: null }
            : {}),
        })
        .where(eq(acronisDatacenters.id, row.id));
      await writeAudit(tx, actor, {
        action: "datacenter.updated",
        entityType: "datacenter",
        entityId: row.id,
        data: {
          before: { name: row.name, baseUrl: row.baseUrl, clientId: row.clientId },
          after: { name: input.name, baseUrl: input.baseUrl, clientId: input.clientId },
          ...(clientSecretEnc ? { secretReplaced: true } : {}),
        },
      });
    })
    .catch((error) => refusal(error, input));
  return { id: row.id, name: input.name, created: false };
}

/** New resellers from countries not in the map are provisioned in the default datacenter. */
export async function makeDefaultDatacenter(db: Db, actor: Actor, id: string): Promise<{ name: string }> {
  const row = await loadDatacenter(db, id);
  if (row.isDefault) return { name: row.name };
  await db.transaction(async (tx) => {
    const [previous] = await tx
      .update(acronisDatacenters)
      .set({ isDefault: false })
      .where(and(eq(acronisDatacenters.isDefault, true), ne(acronisDatacenters.id, id)))
      .returning({ name: acronisDatacenters.name });
    await tx.update(acronisDatacenters).set({ isDefault: true }).where(eq(acronisDatacenters.id, id));
    await writeAudit(tx, actor, {
      action: "datacenter.made_default",
      entityType: "datacenter",
      entityId: id,
      data: { before: { default: previous?.name ?? null }, after: { default: row.name } },
    });
  });
  return { name: row.name };
}

/** Deletes a datacenter no reseller lives in; never the environment's one, nor the default. */
export async function deleteDatacenter(db: Db, actor: Actor, id: string): Promise<{ name: string }> {
  const row = await loadDatacenter(db, id);
  if (row.fromEnv)
    throw new AppError(
      "conflict",
      `"${row.name}" is configured by ACRONIS_* in the environment and cannot be deleted.`,
    );
  if (row.isDefault)
    throw new AppError(
      "conflict",
      `"${row.name}" is the default datacenter: make another one the default first.`,
    );
  const inUse = async () => {
    const n = await resellersIn(db, id);
    return new AppError(
      "conflict",
      `${n} reseller${n === 1 ? " lives" : "s live"} in "${row.name}": it cannot be deleted while they do.`,
    );
  };
  if ((await resellersIn(db, id)) > 0) throw await inUse();
  try {
    await db.transaction(async (tx) => {
      await tx.delete(acronisDatacenters).where(eq(acronisDatacenters.id, id));
      await writeAudit(tx, actor, {
        action: "datacenter.deleted",
        entityType: "datacenter",
        entityId: id,
        data: { before: { name: row.name, baseUrl: row.baseUrl, clientId: row.clientId } },
      });
    });
  } catch (error) {
    // A reseller was created there meanwhile: the foreign key refused.
    if ((error as { code?: string; cause?: { code?: string } }).cause?.code === "23503") throw await inUse();
    if ((error as { code?: string }).code === "23503") throw await inUse();
    throw error;
  }
  return { name: row.name };
}

/** Resellers signing up from `country` are provisioned in this datacenter (existing ones stay where they are). */
export async function setCountryDatacenter(
  db: Db,
  actor: Actor,
  input: CountryDatacenterInput,
): Promise<void> {
  const target = await loadDatacenter(db, input.datacenterId);
  const [before] = await db
    .select({ datacenterId: datacenterCountries.datacenterId })
    .from(datacenterCountries)
    .where(eq(datacenterCountries.country, input.country));
  if (before?.datacenterId === target.id) return;
  const previous = before ? await loadDatacenter(db, before.datacenterId).catch(() => null) : null;
  await db.transaction(async (tx) => {
    await tx
      .insert(datacenterCountries)
      .values({ country: input.country, datacenterId: target.id })
      .onConflictDoUpdate({ target: datacenterCountries.country, set: { datacenterId: target.id } });
    await writeAudit(tx, actor, {
      action: "datacenter.country_mapped",
      entityType: "datacenter",
      entityId: target.id,
      data: {
        country: `${countryName(input.country)} (${input.country})`,
        before: { datacenter: previous?.name ?? "the default" },
        after: { datacenter: target.name },
      },
    });
  });
}

export async function removeCountryDatacenter(db: Db, actor: Actor, country: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(datacenterCountries)
      .where(eq(datacenterCountries.country, country))
      .returning({ datacenterId: datacenterCountries.datacenterId });
    if (!removed) return;
    const [dc] = await tx
      .select({ name: acronisDatacenters.name })
      .from(acronisDatacenters)
      .where(eq(acronisDatacenters.id, removed.datacenterId));
    await writeAudit(tx, actor, {
      action: "datacenter.country_unmapped",
      entityType: "datacenter",
      entityId: removed.datacenterId,
      data: {
        country: `${countryName(country)} (${country})`,
        before: { datacenter: dc?.name ?? null },
        after: { datacenter: "the default" },
      },
    });
  });
}
