import { z } from "zod";

const pricingMode = z.enum(["trial", "production"]);
const tierLevelValue = z.number().int();

/**
 * What each kind of provisioning job carries in `provisioning_jobs.params`, written by lib/contracts
 * (queueJob) and parsed where the worker reads the job. Every field is optional: the steps fall back to the
 * contract and its tier, so a job queued without parameters still runs.
 */
export const jobParamsSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("provision"),
    params: z.object({
      tierCode: z.string().optional(),
      tierLevelValue: tierLevelValue.optional(),
      pricingMode: pricingMode.optional(),
      currency: z.string().optional(),
      retry: z.boolean().optional(),
    }),
  }),
  z.object({
    kind: z.literal("tier_change"),
    params: z.object({
      fromTier: z.string().optional(),
      toTier: z.string().optional(),
      tierLevelValue: tierLevelValue.optional(),
    }),
  }),
  z.object({ kind: z.literal("convert"), params: z.object({ pricingMode: pricingMode.optional() }) }),
  z.object({ kind: z.literal("suspend"), params: z.object({ reason: z.string().optional() }) }),
  z.object({ kind: z.literal("resume"), params: z.object({ reason: z.string().optional() }) }),
  z.object({ kind: z.literal("cancel"), params: z.object({ endDate: z.string().optional() }) }),
]);

export type JobParams = z.infer<typeof jobParamsSchema>;
export type JobKind = JobParams["kind"];
export type JobParamsOf<K extends JobKind> = Extract<JobParams, { kind: K }>["params"];

/** A job's parameters checked against its kind; throws a ZodError naming the bad field. */
export function parseJobParams<K extends JobKind>(kind: K, params: unknown): JobParamsOf<K> {
  return jobParamsSchema.parse({ kind, params: params ?? {} }).params as JobParamsOf<K>;
}
