import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { type Contract, contractEvents, contracts, resellers } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors/app-error";
import { singleLine } from "@/lib/validation/text";
import { assertIsoDate, trialEndFor } from "./calendar";
import { addTierHistory, isUniqueViolation, loadSettings, loadTierByCode, queueJob } from "./store";
import { assertRampUpChoice } from "./transitions";
import type { Acting } from "./types";

const orderSchema = z.object({
  resellerId: z.uuid(),
  tierCode: singleLine({ min: 1, max: 64 }),
  currency: z.string().regex(/^[A-Z]{3}$/, "Currency must be a 3-letter ISO code such as EUR."),
  trial: z.boolean(),
  rampUpCycles: z.number().int().min(0).optional(),
});

export type OrderInput = z.input<typeof orderSchema> & Acting;

/**
 * Creates the reseller's contract in `pending` and queues its provisioning (domain.md §3 "Order", §6).
 * A trial starts today; a paid contract is paid from today. Ramp-up is chosen here for paid orders only
 * (a trial chooses it when it converts).
 */
export async function orderContract(db: DbOrTx, input: OrderInput): Promise<Contract> {
  const parsed = orderSchema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", parsed.error.issues[0]?.message ?? "Invalid order.");
  const order = parsed.data;
  const today = assertIsoDate(input.today);
  try {
    return await db.transaction(async (tx) => {
      // Locking the reseller serialises concurrent orders, so the live-contract check below is reliable.
      const [reseller] = await tx
        .select()
        .from(resellers)
        .where(eq(resellers.id, order.resellerId))
        .for("update");
      if (!reseller) throw new AppError("not_found", "This reseller does not exist.");
      if (reseller.status === "closed") throw new AppError("forbidden", "This reseller account is closed.");
      const [live] = await tx
        .select({ id: contracts.id })
        .from(contracts)
        .where(and(eq(contracts.resellerId, reseller.id), ne(contracts.state, "cancelled")));
      if (live) throw liveContractError();

      const tier = await loadTierByCode(tx, order.tierCode);
      if (!tier.orderable || tier.retiredAt)
        throw new AppError("conflict", `${tier.name} can no longer be ordered.`);
      const settings = await loadSettings(tx);
      if (order.trial && !tier.trialAllowed) throw new AppError("conflict", `${tier.name} has no trial.`);
      if (order.trial && (order.rampUpCycles ?? 0) > 0) {
        throw new AppError(
          "validation",
          "A trial has no ramp-up; choose it when the trial converts to paid.",
        );
      }
      // A default set above the maximum by mistake is capped rather than refusing every order.
      const defaultCycles = Math.min(settings.rampUpDefaultCycles, settings.rampUpMaxCycles);
      const rampUpCycles = order.trial ? 0 : (order.rampUpCycles ?? defaultCycles);
      if (!order.trial) assertRampUpChoice(rampUpCycles, settings.rampUpMaxCycles);
      const trialEnd = order.trial ? trialEndFor(today, settings.trialDays) : null;

      const [contract] = await tx
        .insert(contracts)
        .values({
          resellerId: reseller.id,
          state: "pending",
          targetState: order.trial ? "trial" : "active",
          currency: order.currency,
          tierId: tier.id,
          isTrial: order.trial,
          trialStartedOn: order.trial ? today : null,
          trialEndsOn: trialEnd?.endsOn ?? null,
          paidStart: order.trial ? null : today,
          rampUpCycles,
        })
        .returning();
      const created = contract!;
      await addTierHistory(tx, {
        contractId: created.id,
        tierId: tier.id,
        effectiveFrom: today,
        kind: "order",
      });
      const data = {
        tier: tier.code,
        currency: order.currency,
        trial: order.trial,
        rampUpCycles,
        trialEndsOn: trialEnd?.endsOn,
        trialEndClamped: trialEnd?.clamped,
      };
      await tx.insert(contractEvents).values({
        contractId: created.id,
        fromState: null,
        toState: "pending",
        event: "ordered",
        actorUserId: input.actor.userId,
        data,
      });
      await writeAudit(tx, input.actor, {
        action: "contract.ordered",
        entityType: "contract",
        entityId: created.id,
        resellerId: reseller.id,
        data,
      });
      await queueJob(tx, created.id, "provision", {
        tierCode: tier.code,
        tierLevelValue: tier.acronisTierLevelValue,
        pricingMode: order.trial ? "trial" : "production",
        currency: order.currency,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error, "contracts_one_live_per_reseller")) throw liveContractError();
    throw error;
  }
}

function liveContractError(): AppError {
  return new AppError(
    "conflict",
    "This reseller already has a live contract; change its tier or cancel it instead of ordering another.",
  );
}
