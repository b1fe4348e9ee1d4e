import "server-only";
import { and, desc, eq, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { type Contract, contractPendingChanges, contracts, resellers, tiers } from "@/db/schema";
import {
  cancelContract,
  cancelImmediately,
  changeTier,
  convertTrial,
  getContractView,
  orderContract,
} from "@/lib/contracts";
import { type RampUpStatus, rampUpStatus } from "@/lib/contracts/view";
import { previewTierChanges } from "@/lib/dashboard/tiers";
import { AppError } from "@/lib/errors/app-error";
import { singleLine } from "@/lib/validation/text";
import { type ApiContext, apiOperation } from "../operation";
import { afterCursor, cursorValue, pageQuerySchema, pageSchema, toPage } from "../pagination";
import {
  currencySchema,
  dateSchema,
  idParams,
  iso,
  moneySchema,
  periodSchema,
  timestampSchema,
} from "../schemas";
import { idFilter, isUuid, resellerOfRequest } from "./resellers";

const contractStates = [
  "pending",
  "provisioning_failed",
  "trial",
  "active",
  "suspended",
  "cancelled",
] as const;

const tierRef = z.object({ code: z.string(), name: z.string() }).meta({ id: "TierRef" });

export const contractSchema = z
  .object({
    id: z.string(),
    resellerId: z.string(),
    state: z.enum(contractStates),
    tier: tierRef,
    currency: currencySchema,
    trial: z.boolean().meta({ description: "A free trial not yet converted to paid." }),
    trialStartedOn: dateSchema.nullable(),
    trialEndsOn: dateSchema.nullable(),
    conversionScheduledOn: dateSchema
      .nullable()
      .meta({ description: "The trial converts to paid on this day (the 1st of a month)." }),
    paidStart: dateSchema
      .nullable()
      .meta({ description: "The first paid day; usage before it is never billed." }),
    rampUp: z
      .object({
        cycles: z.number().int(),
        currentCycle: z.number().int().nullable(),
        inRampUp: z.boolean(),
        overridden: z.boolean(),
      })
      .meta({ description: "Months whose commitment is waived, and where the contract stands." }),
    endDate: dateSchema.nullable().meta({
      description: "Exclusive end: the cancellation's effective day (set while it is being cancelled).",
    }),
    cancelRequestedAt: timestampSchema.nullable(),
    suspendedAt: timestampSchema.nullable(),
    pendingChange: z
      .object({ toTier: tierRef, effectiveOn: dateSchema })
      .nullable()
      .meta({ description: "A downgrade waiting for the 1st of next month." }),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: "Contract" });

const contractDetailSchema = contractSchema
  .extend({
    allowedTierChanges: z
      .object({ upgrades: z.array(tierRef), downgrades: z.array(tierRef) })
      .meta({ description: "The tiers it may move to now (upgrade at once, downgrade on the 1st)." }),
  })
  .meta({ id: "ContractDetail" });

type ContractDto = z.infer<typeof contractSchema>;

function contractDto(
  c: Contract,
  tier: { code: string; name: string },
  pending: { toTier: { code: string; name: string }; effectiveOn: string } | null,
  rampUp: RampUpStatus,
): ContractDto {
  return {
    id: c.id,
    resellerId: c.resellerId,
    state: c.state,
    tier,
    currency: c.currency,
    trial: c.isTrial,
    trialStartedOn: c.trialStartedOn,
    trialEndsOn: c.trialEndsOn,
    conversionScheduledOn: c.conversionScheduledOn,
    paidStart: c.paidStart,
    rampUp,
    endDate: c.endDate,
    cancelRequestedAt: iso(c.cancelRequestedAt),
    suspendedAt: iso(c.suspendedAt),
    pendingChange: pending,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  };
}

const ref = (t: { code: string; name: string }) => ({ code: t.code, name: t.name });

/** The contract as the portal's contract page reads it (lib/contracts getContractView). */
async function contractDetail(ctx: ApiContext, contractId: string) {
  const view = await getContractView(ctx.db, { contractId, today: ctx.today, eventLimit: 0 });
  const pending = view.pendingChange
    ? { toTier: ref(view.pendingChange.toTier), effectiveOn: view.pendingChange.effectiveOn }
    : null;
  return {
    ...contractDto(view.contract, ref(view.tier), pending, view.rampUp),
    allowedTierChanges: {
      upgrades: view.allowed.upgrades.map(ref),
      downgrades: view.allowed.downgrades.map(ref),
    },
  };
}

/** A contract the key may see: a reseller key only its own reseller's; anything else is 404. */
async function findContract(ctx: ApiContext, id: string): Promise<Contract> {
  const [row] = isUuid(id)
    ? await ctx.db
        .select()
        .from(contracts)
        .where(
          and(eq(contracts.id, id), ctx.resellerId ? eq(contracts.resellerId, ctx.resellerId) : undefined),
        )
    : [];
  if (!row) throw new AppError("not_found", "Contract not found.");
  return row;
}

const toTier = alias(tiers, "to_tier");

export const listContracts = apiOperation({
  method: "get",
  path: "/contracts",
  operationId: "listContracts",
  summary: "List contracts",
  description:
    "Contracts newest first (a reseller has at most one live contract, and its cancelled ones). A reseller key lists its own.",
  tag: "Contracts",
  query: pageQuerySchema.extend({
    resellerId: idFilter("Only this reseller's contracts (distributor keys)."),
    state: z.enum(contractStates).optional().meta({ description: "Only contracts in this state." }),
  }),
  response: { description: "A page of contracts.", schema: pageSchema(contractSchema) },
  errors: [404],
  handler: async ({ query }, ctx) => {
    const resellerId = await resellerOfRequest(ctx, query.resellerId, {
      field: "query.resellerId",
      required: false,
    });
    const where: (SQL | undefined)[] = [
      resellerId ? eq(contracts.resellerId, resellerId) : undefined,
      query.state ? eq(contracts.state, query.state) : undefined,
      afterCursor(query.cursor, contracts.createdAt, contracts.id),
    ];
    const rows = await ctx.db
      .select({
        contract: contracts,
        tier: { code: tiers.code, name: tiers.name },
        toTier: { code: toTier.code, name: toTier.name },
        effectiveOn: contractPendingChanges.effectiveOn,
        cursorAt: cursorValue(contracts.createdAt),
      })
      .from(contracts)
      .innerJoin(tiers, eq(tiers.id, contracts.tierId))
      .leftJoin(
        contractPendingChanges,
        and(
          eq(contractPendingChanges.contractId, contracts.id),
          eq(contractPendingChanges.status, "pending"),
        ),
      )
      .leftJoin(toTier, eq(toTier.id, contractPendingChanges.toTierId))
      .where(and(...where))
      .orderBy(desc(contracts.createdAt), desc(contracts.id))
      .limit(query.limit + 1);
    return toPage(
      rows,
      query.limit,
      (r) => ({ at: r.cursorAt, id: r.contract.id }),
      (r) =>
        contractDto(
          r.contract,
          r.tier,
          r.toTier?.code && r.effectiveOn
            ? { toTier: { code: r.toTier.code, name: r.toTier.name as string }, effectiveOn: r.effectiveOn }
            : null,
          rampUpStatus(r.contract, ctx.today),
        ),
    );
  },
});

export const getContract = apiOperation({
  method: "get",
  path: "/contracts/{id}",
  operationId: "getContract",
  summary: "Get a contract",
  description: "The contract with its pending change, ramp-up status and the tier changes it may make now.",
  tag: "Contracts",
  params: idParams,
  response: { description: "The contract.", schema: contractDetailSchema },
  errors: [404],
  handler: async ({ params }, ctx) => contractDetail(ctx, (await findContract(ctx, params.id)).id),
});

const tierCode = singleLine({ max: 64, requiredMessage: "Name the tier (its code, e.g. T2)." }).meta({
  description: "A tier's code.",
  example: "T2",
});
const rampUpCycles = z.number().int("Whole months only.").min(0, "0 or more.").optional().meta({
  description:
    "Months whose commitment is waived, within the distributor's maximum (default: its default). Paid contracts only.",
});

export const orderContractOp = apiOperation({
  method: "post",
  path: "/contracts",
  operationId: "orderContract",
  summary: "Order a contract",
  description:
    "Orders a reseller's contract (a trial of a tier, or paid from today) in the reseller's billing currency and queues its provisioning in Acronis. A reseller has one live contract at most: cancel it before ordering another. A reseller key orders its own first contract only (a re-order, with a new trial or ramp-up, is the distributor's); a distributor key names the reseller.",
  tag: "Contracts",
  body: z.object({
    resellerId: idFilter("The reseller (distributor keys; a reseller key orders for itself)."),
    tier: tierCode,
    trial: z.boolean().optional().default(false).meta({ description: "Start with a free trial." }),
    rampUpCycles,
  }),
  response: {
    status: 201,
    description: "The contract, pending until provisioned.",
    schema: contractDetailSchema,
  },
  errors: [404, 409],
  handler: async ({ body }, ctx) => {
    const resellerId = (await resellerOfRequest(ctx, body.resellerId, {
      field: "body.resellerId",
      required: true,
    })) as string;
    const [reseller] = await ctx.db.select().from(resellers).where(eq(resellers.id, resellerId));
    if (!reseller) throw new AppError("not_found", "Reseller not found.");
    // A storefront sign-up orders once it is verified (and approved): the API never jumps that queue.
    if (reseller.status === "pending_verification" || reseller.status === "pending_approval") {
      throw new AppError(
        "conflict",
        "This reseller's sign-up is still waiting for verification or approval; its contract starts then.",
      );
    }
    if (ctx.resellerId) {
      // A reseller orders its first contract itself (as the storefront does); a re-order after a cancelled
      // one would start another free trial or another ramp-up (domain.md: only for new paid contracts),
      // so it goes through the distributor.
      const [earlier] = await ctx.db
        .select({ id: contracts.id })
        .from(contracts)
        .where(eq(contracts.resellerId, resellerId))
        .limit(1);
      if (earlier) {
        throw new AppError(
          "forbidden",
          "This reseller has had a contract: a new one is ordered by the distributor (a reseller key orders only its first).",
        );
      }
    }
    const contract = await orderContract(ctx.db, {
      resellerId,
      tierCode: body.tier,
      currency: reseller.currency,
      trial: body.trial,
      rampUpCycles: body.rampUpCycles,
      actor: ctx.audit,
      today: ctx.today,
    });
    return contractDetail(ctx, contract.id);
  },
});

const figuresSchema = z
  .object({
    consumption: moneySchema,
    commitment: moneySchema,
    rampUpWaived: z.boolean(),
    topUp: moneySchema,
    subtotal: moneySchema,
    tax: moneySchema,
    total: moneySchema,
  })
  .meta({ id: "MonthFigures" });

const termsShape = {
  commitment: moneySchema
    .nullable()
    .meta({ description: "The full month's commitment (null: cannot be priced)." }),
  unitPrices: z.array(
    z.object({ sku: z.string(), name: z.string(), unit: z.string(), price: z.string().nullable() }),
  ),
};

const tierChangeOptionSchema = z
  .object({
    tierCode: z.string(),
    tierName: z.string(),
    direction: z.enum(["upgrade", "downgrade"]),
    effectiveOn: dateSchema,
    period: periodSchema.meta({ description: "The month the change first governs." }),
    ...termsShape,
    currentTerms: z.object(termsShape),
    basis: z.enum(["this_month", "next_month_estimate"]),
    toDate: figuresSchema.nullable(),
    projected: figuresSchema.nullable(),
    current: z.object({ toDate: figuresSchema.nullable(), projected: figuresSchema.nullable() }),
    difference: z.object({ toDate: moneySchema.nullable(), projected: moneySchema.nullable() }),
    reason: z.string().nullable().meta({ description: "Why there are no figures (trial, not yet paid…)." }),
    method: z.string(),
  })
  .meta({ id: "TierChangeOption" });

const tierChangePreviewSchema = z
  .object({
    resellerId: z.string(),
    contractId: z.string(),
    currency: currencySchema,
    asOf: dateSchema,
    period: periodSchema,
    daysElapsed: z.number().int(),
    daysInMonth: z.number().int(),
    taxRatePercent: z.string(),
    currentTier: tierRef,
    targets: z.array(tierChangeOptionSchema),
  })
  .meta({ id: "TierChangePreview" });

export const previewTierChange = apiOperation({
  method: "post",
  path: "/contracts/{id}/tier-change/preview",
  operationId: "previewTierChange",
  summary: "Preview tier changes",
  description:
    "What each tier change the contract may make now would cost, rated on its usage so far exactly as the portal's “Review change” dialog shows it: an upgrade this month to date and projected, a downgrade as next month's estimate. Changes nothing. Name `tier` for one target.",
  tag: "Contracts",
  params: idParams,
  body: z.object({
    tier: tierCode.optional().meta({ description: "Only this target tier." }),
  }),
  response: { description: "The preview.", schema: tierChangePreviewSchema },
  errors: [404, 409],
  handler: async ({ params, body }, ctx) => {
    const contract = await findContract(ctx, params.id);
    const view = await getContractView(ctx.db, { contractId: contract.id, today: ctx.today, eventLimit: 0 });
    const preview = await previewTierChanges(ctx.db, contract.resellerId, ctx.today, { view });
    if (!preview) throw new AppError("not_found", "Contract not found.");
    if (!body.tier) return preview;
    const targets = preview.targets.filter((t) => t.tierCode === body.tier);
    if (targets.length === 0) {
      const allowed = preview.targets.map((t) => t.tierCode);
      throw new AppError(
        "conflict",
        allowed.length
          ? `${body.tier} is not a change this contract can make now; it can move to ${allowed.join(", ")}.`
          : `${body.tier} is not a change this contract can make now; it can change tier in trial or active, when not being cancelled.`,
      );
    }
    return { ...preview, targets };
  },
});

const tierChangeResultSchema = z
  .object({
    direction: z.enum(["upgrade", "downgrade"]),
    effectiveOn: dateSchema.meta({
      description: "Today for an upgrade, the 1st of next month for a downgrade.",
    }),
    contract: contractDetailSchema,
  })
  .meta({ id: "TierChangeResult" });

export const changeContractTier = apiOperation({
  method: "post",
  path: "/contracts/{id}/tier-change",
  operationId: "changeContractTier",
  summary: "Change the tier",
  description:
    "Moves the contract to `tier`: an upgrade takes effect today (the whole month is billed on it), a downgrade is scheduled for the 1st of next month (one at a time). The reseller's owner may do this in the portal; a write key acts the same. Refusals (state, path, a pending downgrade) are 409 with the reason.",
  tag: "Contracts",
  params: idParams,
  body: z.object({ tier: tierCode }),
  response: { description: "The change and the contract after it.", schema: tierChangeResultSchema },
  errors: [404, 409],
  handler: async ({ params, body }, ctx) => {
    const contract = await findContract(ctx, params.id);
    const change = await changeTier(ctx.db, {
      contractId: contract.id,
      tierCode: body.tier,
      today: ctx.today,
      actor: ctx.audit,
    });
    return {
      direction: change.direction,
      effectiveOn: change.direction === "downgrade" ? change.change.effectiveOn : ctx.today,
      contract: await contractDetail(ctx, contract.id),
    };
  },
});

export const convertContract = apiOperation({
  method: "post",
  path: "/contracts/{id}/convert",
  operationId: "convertContract",
  summary: "Convert a trial to paid",
  description:
    "`now`: paid from today. `next_month` (recommended: Acronis bills a mid-month switch for the whole month): converts on the 1st. A trial suspended at its end can still be converted now during the grace period.",
  tag: "Contracts",
  params: idParams,
  body: z.object({
    when: z.enum(["now", "next_month"], { error: "Choose now or next_month." }),
    rampUpCycles,
  }),
  response: {
    description: "The contract after the conversion (or with it scheduled).",
    schema: contractDetailSchema,
  },
  errors: [404, 409],
  handler: async ({ params, body }, ctx) => {
    const contract = await findContract(ctx, params.id);
    await convertTrial(ctx.db, {
      contractId: contract.id,
      when: body.when,
      rampUpCycles: body.rampUpCycles,
      today: ctx.today,
      actor: ctx.audit,
    });
    return contractDetail(ctx, contract.id);
  },
});

const reason = singleLine({
  min: 3,
  max: 500,
  minMessage: "Say why, in a few words (it goes to the audit log).",
});

export const cancelContractOp = apiOperation({
  method: "post",
  path: "/contracts/{id}/cancel",
  operationId: "cancelContract",
  summary: "Cancel a contract",
  description:
    "Ends a running paid contract at the end of this month (its last invoice bills the month fully); a trial or a contract not yet provisioned is cancelled at once. `immediately` (distributor keys only, with a `reason`): ends it today, the last month's commitment prorated. Send `{}` for the default.",
  tag: "Contracts",
  params: idParams,
  body: z
    .object({
      immediately: z.boolean().optional().default(false),
      reason: reason.optional().meta({ description: "Why (audited); required to cancel immediately." }),
    })
    .refine((b) => !b.immediately || b.reason, {
      path: ["reason"],
      message: "Say why, in a few words (it goes to the audit log).",
    }),
  response: { description: "The contract after the cancellation.", schema: contractDetailSchema },
  errors: [404, 409],
  handler: async ({ params, body }, ctx) => {
    const contract = await findContract(ctx, params.id);
    const acting = { contractId: contract.id, today: ctx.today, actor: ctx.audit };
    if (body.immediately) {
      if (ctx.resellerId) {
        throw new AppError(
          "forbidden",
          "Only the distributor cancels immediately; a reseller's cancellation ends the contract at the end of the month.",
        );
      }
      await cancelImmediately(ctx.db, { ...acting, reason: body.reason as string });
    } else {
      await cancelContract(ctx.db, { ...acting, reason: body.reason });
    }
    return contractDetail(ctx, contract.id);
  },
});

export const contractOperations = [
  listContracts,
  getContract,
  orderContractOp,
  previewTierChange,
  changeContractTier,
  convertContract,
  cancelContractOp,
];
