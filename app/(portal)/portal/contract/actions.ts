"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireResellerScope, type UserContext } from "@/lib/actions/context";
import { userAction } from "@/lib/actions/safe-action";
import {
  cancelContract,
  cancelScheduledConversion,
  convertTrial,
  scheduleDowngrade,
  upgradeTier,
  withdrawCancellation,
  withdrawDowngrade,
} from "@/lib/contracts";
import { requireResellerContractId } from "@/lib/portal/contract";
import { singleLine } from "@/lib/validation/text";

const tierSchema = z.object({ tierCode: singleLine({ max: 64, requiredMessage: "Choose a tier." }) });
const convertSchema = z.object({ when: z.enum(["now", "next_month"]) });
const empty = z.object({});

/** Every contract change acts on the caller's own contract, today, in the caller's name. */
async function ownContract(ctx: UserContext) {
  const contractId = await requireResellerContractId(ctx.db, requireResellerScope(ctx));
  return { contractId, today: ctx.today, actor: ctx.audit };
}

function refreshPortal() {
  revalidatePath("/portal", "layout");
}

export const upgradeAction = userAction(
  "portal:manage",
  tierSchema,
  async ({ tierCode }, ctx) => {
    await upgradeTier(ctx.db, { ...(await ownContract(ctx)), tierCode });
    refreshPortal();
  },
  { message: "Upgraded. The new tier applies from today." },
);

export const downgradeAction = userAction(
  "portal:manage",
  tierSchema,
  async ({ tierCode }, ctx) => {
    await scheduleDowngrade(ctx.db, { ...(await ownContract(ctx)), tierCode });
    refreshPortal();
  },
  { message: "Downgrade scheduled for the 1st of next month." },
);

export const withdrawDowngradeAction = userAction(
  "portal:manage",
  empty,
  async (_input, ctx) => {
    await withdrawDowngrade(ctx.db, await ownContract(ctx));
    refreshPortal();
  },
  { message: "The scheduled downgrade was withdrawn." },
);

export const convertTrialAction = userAction(
  "portal:manage",
  convertSchema,
  async ({ when }, ctx) => {
    await convertTrial(ctx.db, { ...(await ownContract(ctx)), when });
    refreshPortal();
  },
  { message: "Your trial conversion is recorded." },
);

export const cancelConversionAction = userAction(
  "portal:manage",
  empty,
  async (_input, ctx) => {
    await cancelScheduledConversion(ctx.db, await ownContract(ctx));
    refreshPortal();
  },
  { message: "The scheduled conversion was cancelled." },
);

export const cancelContractAction = userAction(
  "portal:manage",
  empty,
  async (_input, ctx) => {
    await cancelContract(ctx.db, await ownContract(ctx));
    refreshPortal();
  },
  { message: "Your contract ends at the end of this month." },
);

export const withdrawCancellationAction = userAction(
  "portal:manage",
  empty,
  async (_input, ctx) => {
    await withdrawCancellation(ctx.db, await ownContract(ctx));
    refreshPortal();
  },
  { message: "The cancellation was withdrawn." },
);
