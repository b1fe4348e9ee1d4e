import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { type WebhookEventType, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { type Actor, writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors/app-error";
import { WEBHOOK_CHANNEL } from "./events";
import type { EndpointInput } from "./schema";
import { decryptWebhookSecret, encryptWebhookSecret, generateWebhookSecret } from "./secret";
import { urlProblem } from "./url";

/**
 * Webhook endpoints per owner: the distributor's (`resellerId` null, every event) or a reseller's (its own
 * events). Another owner's endpoint is "not found". The secret can be revealed again by the endpoint's owner
 * (as Svix does): whoever may manage the endpoint may also replace it, so showing it once would protect
 * nothing more, and a receiver set up later needs it. Reveals, rotations and every change are audited,
 * never with the secret.
 */
export type WebhookOwner = { resellerId: string | null };

export const ownedBy = (owner: WebhookOwner): SQL =>
  owner.resellerId ? eq(webhookEndpoints.resellerId, owner.resellerId) : isNull(webhookEndpoints.resellerId);

export type EndpointView = {
  id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  consecutiveFailures: number;
  disabledAt: Date | null;
  disabledReason: string | null;
  createdAt: Date;
  /** Deliveries still to be sent (waiting for a retry, or for the endpoint to be enabled again). */
  pending: number;
  failed: number;
  lastDeliveryAt: Date | null;
};

const viewColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  events: webhookEndpoints.events,
  consecutiveFailures: webhookEndpoints.consecutiveFailures,
  disabledAt: webhookEndpoints.disabledAt,
  disabledReason: webhookEndpoints.disabledReason,
  createdAt: webhookEndpoints.createdAt,
  pending: sql<number>`(select count(*)::int from ${webhookDeliveries} d where d.endpoint_id = ${webhookEndpoints.id} and d.status = 'pending')`,
  failed: sql<number>`(select count(*)::int from ${webhookDeliveries} d where d.endpoint_id = ${webhookEndpoints.id} and d.status = 'failed')`,
  lastDeliveryAt: sql<
    string | null
  >`(select max(d.created_at) from ${webhookDeliveries} d where d.endpoint_id = ${webhookEndpoints.id})`,
};

type ViewRow = Omit<EndpointView, "events" | "lastDeliveryAt"> & {
  events: string[];
  lastDeliveryAt: string | Date | null;
};
const toView = (row: ViewRow): EndpointView => ({
  ...row,
  events: row.events as WebhookEventType[],
  pending: Number(row.pending),
  failed: Number(row.failed),
  lastDeliveryAt: row.lastDeliveryAt ? new Date(row.lastDeliveryAt) : null,
});

export async function listEndpoints(db: DbOrTx, owner: WebhookOwner): Promise<EndpointView[]> {
  const rows = await db
    .select(viewColumns)
    .from(webhookEndpoints)
    .where(ownedBy(owner))
    .orderBy(desc(webhookEndpoints.createdAt));
  return rows.map(toView);
}

export async function getEndpoint(db: DbOrTx, owner: WebhookOwner, id: string): Promise<EndpointView> {
  const [row] = await db
    .select(viewColumns)
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), ownedBy(owner)));
  if (!row) throw new AppError("not_found", "No such webhook endpoint.");
  return toView(row);
}

async function assertUsableUrl(url: string): Promise<void> {
  const problem = await urlProblem(url);
  if (problem) throw new AppError("validation", "Check the highlighted fields.", { url: [problem] });
}

/** Registers an endpoint with a new secret, returned here (and revealable later by its owner). */
export async function createEndpoint(
  db: Db,
  owner: WebhookOwner,
  input: EndpointInput,
  actor: Actor,
): Promise<{ endpoint: EndpointView; secret: string }> {
  await assertUsableUrl(input.url);
  const id = randomUUID();
  const secret = generateWebhookSecret();
  return db.transaction(async (tx) => {
    await tx.insert(webhookEndpoints).values({
      id,
      resellerId: owner.resellerId,
      url: input.url,
      description: input.description,
      events: input.events,
      secretEnc: encryptWebhookSecret(id, secret),
      createdBy: actor.userId,
    });
    await writeAudit(tx, actor, {
      action: "webhook.created",
      entityType: "webhook_endpoint",
      entityId: id,
      resellerId: owner.resellerId,
      data: { url: input.url, description: input.description, events: input.events },
    });
    return { endpoint: await getEndpoint(tx, owner, id), secret };
  });
}

/** Locks one of the owner's endpoints for the rest of the transaction. */
async function lockEndpoint(tx: DbOrTx, owner: WebhookOwner, id: string) {
  const [row] = await tx
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), ownedBy(owner)))
    .for("update");
  if (!row) throw new AppError("not_found", "No such webhook endpoint.");
  return row;
}

/** Changes the URL, description and events; the secret and the delivery log stay. */
export async function updateEndpoint(
  db: Db,
  owner: WebhookOwner,
  id: string,
  input: EndpointInput,
  actor: Actor,
): Promise<void> {
  await assertUsableUrl(input.url);
  await db.transaction(async (tx) => {
    const before = await lockEndpoint(tx, owner, id);
    await tx
      .update(webhookEndpoints)
      .set({ url: input.url, description: input.description, events: input.events, updatedAt: sql`now()` })
      .where(eq(webhookEndpoints.id, id));
    await writeAudit(tx, actor, {
      action: "webhook.updated",
      entityType: "webhook_endpoint",
      entityId: id,
      resellerId: owner.resellerId,
      data: {
        before: { url: before.url, description: before.description, events: before.events },
        after: { url: input.url, description: input.description, events: input.events },
      },
    });
  });
}

/**
 * Enables (failure count back to 0; deliveries still pending are sent again from now on) or disables an
 * endpoint by hand. New events are not queued for a disabled endpoint.
 */
export async function setEndpointEnabled(
  db: Db,
  owner: WebhookOwner,
  id: string,
  enabled: boolean,
  actor: Actor,
): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockEndpoint(tx, owner, id);
    if (enabled === (row.disabledAt === null)) return;
    await tx
      .update(webhookEndpoints)
      .set(
        enabled
          ? { disabledAt: null, disabledReason: null, consecutiveFailures: 0, updatedAt: sql`now()` }
          : { disabledAt: sql`now()`, disabledReason: `Disabled by ${actor.label}.`, updatedAt: sql`now()` },
      )
      .where(eq(webhookEndpoints.id, id));
    // Deliveries still waiting go out now, not at the next sweep.
    if (enabled) await tx.execute(sql`select pg_notify(${WEBHOOK_CHANNEL}, '')`);
    await writeAudit(tx, actor, {
      action: enabled ? "webhook.enabled" : "webhook.disabled",
      entityType: "webhook_endpoint",
      entityId: id,
      resellerId: owner.resellerId,
      data: { url: row.url },
    });
  });
}

/** A new secret replaces the old one at once: messages from now on are signed with it only. */
export async function rotateSecret(db: Db, owner: WebhookOwner, id: string, actor: Actor): Promise<string> {
  const secret = generateWebhookSecret();
  await db.transaction(async (tx) => {
    const row = await lockEndpoint(tx, owner, id);
    await tx
      .update(webhookEndpoints)
      .set({ secretEnc: encryptWebhookSecret(id, secret), updatedAt: sql`now()` })
      .where(eq(webhookEndpoints.id, id));
    await writeAudit(tx, actor, {
      action: "webhook.secret_rotated",
      entityType: "webhook_endpoint",
      entityId: id,
      resellerId: owner.resellerId,
      data: { url: row.url },
    });
  });
  return secret;
}

/** The endpoint's signing secret, for its owner; the reveal is audited. */
export async function revealSecret(db: Db, owner: WebhookOwner, id: string, actor: Actor): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ url: webhookEndpoints.url, secretEnc: webhookEndpoints.secretEnc })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.id, id), ownedBy(owner)));
    if (!row) throw new AppError("not_found", "No such webhook endpoint.");
    let secret: string;
    try {
      secret = decryptWebhookSecret(id, row.secretEnc);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError(
        "conflict",
        "The secret cannot be read with this TIERLINE_SECRETS_KEY. Rotate it to get a new one.",
      );
    }
    await writeAudit(tx, actor, {
      action: "webhook.secret_revealed",
      entityType: "webhook_endpoint",
      entityId: id,
      resellerId: owner.resellerId,
      data: { url: row.url },
    });
    return secret;
  });
}

/** Deletes an endpoint with its delivery log. */
export async function deleteEndpoint(db: Db, owner: WebhookOwner, id: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockEndpoint(tx, owner, id);
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    await writeAudit(tx, actor, {
      action: "webhook.deleted",
      entityType: "webhook_endpoint",
      entityId: id,
      resellerId: owner.resellerId,
      data: { url: row.url, events: row.events },
    });
  });
}
