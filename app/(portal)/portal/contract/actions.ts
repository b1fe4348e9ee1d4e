"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { type ActionState, userAction } from "@/lib/actions/safe-action";
import { resellerIdOf } from "@/lib/auth/guard";
import { todayUtc } from "@/lib/clock";
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

/** Every contract change: owner role, the caller's own contract, today's UTC date. */
function contractAction<S extends z.ZodType>(
  schema: S,
  fn: (
    db: ReturnType<typeof getDb>,
    input: z.infer<S>,
    ref: Parameters<typeof withdrawDowngrade>[1],
  ) => Promise<unknown>,
  message: string,
) {
  return userAction(
    "portal:manage",
    schema,
    async (input, user) => {
      const db = getDb();
      const contractId = await requireResellerContractId(db, resellerIdOf(user));
      await fn(db, input, { contractId, today: todayUtc(), actor: { userId: user.id, label: user.email } });
      revalidatePath("/portal", "layout");
    },
    { message },
  );
}

const upgrade = contractAction(
  tierSchema,
  (db, i, ref) => upgradeTier(db, { ...ref, tierCode: i.tierCode }),
  "Upgraded. The new tier applies from today.",
);
const downgrade = contractAction(
  tierSchema,
  (db, i, ref) => scheduleDowngrade(db, { ...ref, tierCode: i.tierCode }),
  "Downgrade scheduled for the 1st of next month.",
);
const withdrawDown = contractAction(
  empty,
  (db, _i, ref) => withdrawDowngrade(db, ref),
  "The scheduled downgrade was withdrawn.",
);
const convert = contractAction(
  convertSchema,
  (db, i, ref) => convertTrial(db, { ...ref, when: i.when }),
  "Your trial conversion is recorded.",
);
const cancelConversion = contractAction(
  empty,
  (db, _i, ref) => cancelScheduledConversion(db, ref),
  "The scheduled conversion was cancelled.",
);
const cancel = contractAction(
  empty,
  (db, _i, ref) => cancelContract(db, ref),
  "Your contract ends at the end of this month.",
);
const withdrawCancel = contractAction(
  empty,
  (db, _i, ref) => withdrawCancellation(db, ref),
  "The cancellation was withdrawn.",
);

export async function upgradeAction(p: ActionState | undefined, f: FormData) {
  return upgrade(p, f);
}
export async function downgradeAction(p: ActionState | undefined, f: FormData) {
  return downgrade(p, f);
}
export async function withdrawDowngradeAction(p: ActionState | undefined, f: FormData) {
  return withdrawDown(p, f);
}
export async function convertTrialAction(p: ActionState | undefined, f: FormData) {
  return convert(p, f);
}
export async function cancelConversionAction(p: ActionState | undefined, f: FormData) {
  return cancelConversion(p, f);
}
export async function cancelContractAction(p: ActionState | undefined, f: FormData) {
  return cancel(p, f);
}
export async function withdrawCancellationAction(p: ActionState | undefined, f: FormData) {
  return withdrawCancel(p, f);
}
