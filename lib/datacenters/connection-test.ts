import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { acronisDatacenters } from "@/db/schema";
import { type AcronisClient, isAcronisError } from "@/lib/acronis";
import {
  buildDatacenterClient,
  type DirectoryOptions,
  isDatacenterUnavailable,
  WEB_CLIENT_TUNING,
} from "@/lib/acronis/datacenters";
import { type Actor, writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors/app-error";
import { log, safeErrorMessage } from "@/lib/log";
import { importInfrastructures } from "./infrastructures";

export type DatacenterTest =
  | {
      ok: true;
      name: string;
      tenantId: string;
      tenantName: string;
      tenantKind: string;
      infrastructures: number;
      added: number;
    }
  | { ok: false; name: string; message: string };

/** What went wrong, for the admin: Acronis's status and message, or ours; never the credentials. */
function explain(error: unknown): string {
  if (isDatacenterUnavailable(error)) return error.message;
  if (isAcronisError(error)) return `Acronis answered ${error.status ?? error.kind}: ${error.message}`;
  return safeErrorMessage(error);
}

/**
 * Tests a datacenter's connection with a new client (its own token, so the credentials are proven now):
 * who the API client is (the root tenant partners are created under), then its storage infrastructures,
 * imported for billing. The outcome is kept on the row and shown in the list.
 */
export async function testDatacenter(
  db: Db,
  actor: Actor,
  datacenterId: string,
  options: DirectoryOptions & { client?: AcronisClient } = {},
): Promise<DatacenterTest> {
  const [row] = await db
    .select({ name: acronisDatacenters.name })
    .from(acronisDatacenters)
    .where(eq(acronisDatacenters.id, datacenterId));
  if (!row) throw new AppError("not_found", "This datacenter no longer exists.");
  let outcome: DatacenterTest;
  let rootTenantId: string | null = null;
  try {
    const client =
      options.client ??
      (await buildDatacenterClient(db, datacenterId, { tuning: WEB_CLIENT_TUNING, ...options }));
    const me = await client.whoAmI();
    rootTenantId = me.tenantId;
    const listed = await client.listInfrastructures();
    const imported = await importInfrastructures(
      db,
      datacenterId,
      listed.map((i) => ({ id: i.id, name: i.name, owner: i.owner })),
    );
    outcome = {
      ok: true,
      name: row.name,
      tenantId: me.tenantId,
      tenantName: me.tenantName,
      tenantKind: me.tenantKind,
      infrastructures: imported.total,
      added: imported.added,
    };
  } catch (error) {
    if (!isDatacenterUnavailable(error) && !isAcronisError(error))
      log.error({ err: error, datacenterId }, "[acronis] datacenter test failed");
    outcome = { ok: false, name: row.name, message: explain(error) };
  }
  const message = outcome.ok
    ? `Connected as ${outcome.tenantName} (${outcome.tenantKind}); ${outcome.infrastructures} storage infrastructure${outcome.infrastructures === 1 ? "" : "s"}${outcome.added ? `, ${outcome.added} new` : ""}.`
    : outcome.message;
  await db.transaction(async (tx) => {
    await tx
      .update(acronisDatacenters)
      // updated_at stays: a test changes no connection, so cached clients stay valid.
      .set({
        lastTestedAt: new Date(),
        lastTestOk: outcome.ok,
        lastTestMessage: message.slice(0, 500),
        ...(rootTenantId ? { rootTenantId } : {}),
      })
      .where(eq(acronisDatacenters.id, datacenterId));
    await writeAudit(tx, actor, {
      action: "datacenter.tested",
      entityType: "datacenter",
      entityId: datacenterId,
      data: { ok: outcome.ok, result: message.slice(0, 500) },
    });
  });
  return outcome;
}
