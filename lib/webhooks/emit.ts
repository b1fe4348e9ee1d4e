import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  type Contract,
  contracts,
  creditNotes,
  type Invoice,
  invoices,
  provisioningJobs,
  provisioningSteps,
  resellers,
  type Signup,
  tiers,
} from "@/db/schema";
import { emitEvent, emitEvents } from "./events";

/**
 * What each module calls inside its own transaction to publish an event: one function per resource, so the
 * data shape of an event lives here once (docs/WEBHOOKS.md documents it). Amounts are decimal strings,
 * dates `YYYY-MM-DD`, instants ISO 8601.
 */

const iso = (at: Date | null) => (at ? at.toISOString() : null);

function invoiceData(invoice: Invoice) {
  return {
    id: invoice.id,
    number: invoice.number,
    resellerId: invoice.resellerId,
    contractId: invoice.contractId,
    period: invoice.period,
    status: invoice.status,
    currency: invoice.currency,
    subtotal: invoice.subtotal,
    tax: invoice.tax,
    total: invoice.total,
    invoiceDate: invoice.invoiceDate,
    dueDate: invoice.dueDate,
    issuedAt: iso(invoice.issuedAt),
    paidAt: iso(invoice.paidAt),
    voidedAt: iso(invoice.voidedAt),
  };
}

/** invoice.issued / paid / voided for the given invoices, read as they stand in this transaction. */
export async function emitInvoiceEvents(
  tx: DbOrTx,
  type: "invoice.issued" | "invoice.paid" | "invoice.voided",
  invoiceIds: readonly string[],
): Promise<void> {
  if (invoiceIds.length === 0) return;
  const rows = await tx
    .select()
    .from(invoices)
    .where(inArray(invoices.id, [...invoiceIds]));
  await emitEvents(
    tx,
    rows.map((invoice) => ({
      type,
      resellerId: invoice.resellerId,
      data:
        type === "invoice.voided"
          ? { ...invoiceData(invoice), voidReason: invoice.voidReason }
          : invoiceData(invoice),
    })),
  );
}

/** credit_note.issued. */
export async function emitCreditNoteIssued(tx: DbOrTx, creditNoteId: string): Promise<void> {
  const [row] = await tx
    .select({ note: creditNotes, invoice: invoices })
    .from(creditNotes)
    .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
    .where(eq(creditNotes.id, creditNoteId));
  if (!row) return;
  const { note, invoice } = row;
  await emitEvent(tx, {
    type: "credit_note.issued",
    resellerId: invoice.resellerId,
    data: {
      id: note.id,
      number: note.number,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      resellerId: invoice.resellerId,
      currency: invoice.currency,
      subtotal: note.subtotal,
      tax: note.tax,
      total: note.total,
      reason: note.reason,
      createdAt: iso(note.createdAt),
    },
  });
}

/**
 * The contract events of one lifecycle transition (lib/contracts' recordTransition): contract.activated
 * when it enters `active`, contract.cancelled when it enters `cancelled`, contract.tier_changed when its
 * tier changes. `event` is the lifecycle event that caused it (e.g. `converted`, `upgraded`).
 */
export async function emitContractEvents(
  tx: DbOrTx,
  before: Contract,
  after: Contract,
  event: string,
): Promise<void> {
  const activated = after.state === "active" && before.state !== "active";
  const cancelled = after.state === "cancelled" && before.state !== "cancelled";
  const tierChanged = after.tierId !== before.tierId;
  if (!activated && !cancelled && !tierChanged) return;
  const tierIds = [...new Set([before.tierId, after.tierId])];
  const codes = new Map(
    (await tx.select({ id: tiers.id, code: tiers.code }).from(tiers).where(inArray(tiers.id, tierIds))).map(
      (t) => [t.id, t.code],
    ),
  );
  const data = {
    id: after.id,
    resellerId: after.resellerId,
    state: after.state,
    previousState: before.state,
    event,
    tier: codes.get(after.tierId) ?? null,
    currency: after.currency,
    isTrial: after.isTrial,
    trialEndsOn: after.trialEndsOn,
    paidStart: after.paidStart,
    endDate: after.endDate,
  };
  await emitEvents(tx, [
    ...(activated ? [{ type: "contract.activated" as const, resellerId: after.resellerId, data }] : []),
    ...(tierChanged
      ? [
          {
            type: "contract.tier_changed" as const,
            resellerId: after.resellerId,
            data: { ...data, previousTier: codes.get(before.tierId) ?? null },
          },
        ]
      : []),
    ...(cancelled ? [{ type: "contract.cancelled" as const, resellerId: after.resellerId, data }] : []),
  ]);
}

/** What `provisioning.failed` says instead of the raw error, by category. */
export const PROVISIONING_FAILURE_MESSAGES = {
  acronis_unavailable: "Acronis could not be reached or was unavailable, and the retries are spent.",
  acronis_rejected: "Acronis refused a request of this step or answered something unexpected.",
  cannot_proceed:
    "The job cannot go on as it stands (e.g. the login is taken or an earlier result is missing).",
} as const;

export type ProvisioningFailureCode = keyof typeof PROVISIONING_FAILURE_MESSAGES;

/**
 * The category of a failed step from what it recorded: Acronis's HTTP status, or our own code for a failure
 * no retry can fix (a PermanentStepError), or neither (network, timeout, an internal hiccup).
 */
export function provisioningFailureCode(status: number | null, code: string | null): ProvisioningFailureCode {
  if (status === null) return code === null ? "acronis_unavailable" : "cannot_proceed";
  if (status === 408 || status === 429 || status >= 500) return "acronis_unavailable";
  return "acronis_rejected";
}

/**
 * provisioning.failed: a provisioning job failed for good (every retry spent, or a permanent error). One event
 * goes to every subscribed endpoint, a reseller's own included, so it carries the step, a stable `code` and a
 * generic message, never the step's raw error: that can name Acronis internals or the distributor's
 * configuration, and the distributor's staff read it on the job in the back office. The category comes from
 * the status and code the step recorded before the job was finished.
 */
export async function emitProvisioningFailed(
  tx: DbOrTx,
  input: {
    jobId: string;
    step: string;
    /** The raw error text: kept on the job for the back office, not sent. */
    error?: string;
  },
): Promise<void> {
  const [row] = await tx
    .select({
      kind: provisioningJobs.kind,
      contractId: contracts.id,
      resellerId: contracts.resellerId,
      errorStatus: provisioningSteps.errorStatus,
      errorCode: provisioningSteps.errorCode,
    })
    .from(provisioningJobs)
    .innerJoin(contracts, eq(contracts.id, provisioningJobs.contractId))
    .leftJoin(
      provisioningSteps,
      and(eq(provisioningSteps.jobId, provisioningJobs.id), eq(provisioningSteps.step, input.step)),
    )
    .where(eq(provisioningJobs.id, input.jobId));
  if (!row) return;
  const code = provisioningFailureCode(row.errorStatus, row.errorCode);
  await emitEvent(tx, {
    type: "provisioning.failed",
    resellerId: row.resellerId,
    data: {
      jobId: input.jobId,
      kind: row.kind,
      contractId: row.contractId,
      resellerId: row.resellerId,
      step: input.step,
      code,
      message: PROVISIONING_FAILURE_MESSAGES[code],
    },
  });
}

/** reseller.signed_up: the owner confirmed the storefront sign-up's email (an unconfirmed form is no sign-up). */
export async function emitResellerSignedUp(
  tx: DbOrTx,
  signup: Pick<Signup, "resellerId" | "tierCode" | "trial" | "currency">,
  approvalRequired: boolean,
): Promise<void> {
  const [reseller] = await tx
    .select({ id: resellers.id, name: resellers.name, country: resellers.country })
    .from(resellers)
    .where(eq(resellers.id, signup.resellerId));
  if (!reseller) return;
  await emitEvent(tx, {
    type: "reseller.signed_up",
    resellerId: reseller.id,
    data: {
      id: reseller.id,
      name: reseller.name,
      country: reseller.country,
      currency: signup.currency,
      tier: signup.tierCode,
      trial: signup.trial,
      approvalRequired,
    },
  });
}

/** usage.alert: an alert rule fired for the month (at most once per rule and month). */
export async function emitUsageAlert(
  tx: DbOrTx,
  input: {
    ruleId: string;
    resellerId: string;
    kind: string;
    period: string;
    thresholdPercent: number | null;
    fromDay: number | null;
    subject: string;
  },
): Promise<void> {
  await emitEvent(tx, { type: "usage.alert", resellerId: input.resellerId, data: { ...input } });
}
