import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { type BillingRun, billingRunStatus, billingRuns } from "@/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { type BillingRunView, getBillingRunView, requestBillingRun, workingRunIds } from "@/lib/invoices";
import { sharedJobQueue } from "@/lib/jobs";
import { type ApiContext, apiOperation } from "../operation";
import { afterCursor, cursorValue, pageQuerySchema, pageSchema, toPage } from "../pagination";
import { idParams, iso, periodSchema, timestampSchema } from "../schemas";
import { invoicePageSchema } from "./invoice-schemas";
import { listInvoicePage } from "./invoices";

const runStatusSchema = z.enum(billingRunStatus.enumValues).meta({
  id: "BillingRunStatus",
  description: "running (drafting) → drafted → issuing → issued; failed when drafting stopped on an error.",
});

const runFields = {
  id: z.string(),
  period: periodSchema,
  status: runStatusSchema,
  totalContracts: z.number().int().meta({ description: "Contracts the run bills." }),
  processedContracts: z.number().int().meta({ description: "Contracts rated so far." }),
  issuedInvoices: z.number().int(),
  error: z.string().nullable().meta({ description: "Why drafting failed, when it did." }),
  startedAt: timestampSchema,
  finishedAt: timestampSchema.nullable(),
  working: z
    .boolean()
    .meta({ description: "A job is queued or running on the run: its figures are moving." }),
};

const billingRunSummarySchema = z.object(runFields).meta({ id: "BillingRunSummary" });

const billingRunSchema = z
  .object({
    ...runFields,
    invoices: z
      .object({
        draft: z.number().int(),
        issued: z.number().int(),
        paid: z.number().int(),
        void: z.number().int(),
      })
      .meta({ description: "The run's invoices by status." }),
    job: z
      .enum(["created", "retry", "active", "completed", "cancelled", "failed"])
      .nullable()
      .meta({ description: "The state of the run's latest job (null: none)." }),
    stopped: z.boolean().meta({
      description: "Drafting or issuing stopped with no job on it: the back office can resume it.",
    }),
    canIssue: z.boolean().meta({ description: "The drafts can be issued (from the back office)." }),
    blocked: z
      .string()
      .nullable()
      .meta({ description: "Why nothing can be drafted or issued yet (the month has not ended)." }),
  })
  .meta({
    id: "BillingRun",
    description: "A billing run with the figures the back office's run page shows.",
  });

function runSummary(run: BillingRun, working: boolean) {
  return {
    id: run.id,
    period: run.period,
    status: run.status,
    totalContracts: run.totalContracts,
    processedContracts: run.processedContracts,
    issuedInvoices: run.issuedInvoices,
    error: run.error,
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    working,
  };
}

function runJson(view: BillingRunView) {
  return {
    ...runSummary(view.run, view.controls.working),
    invoices: {
      draft: view.counts.draft ?? 0,
      issued: view.counts.issued ?? 0,
      paid: view.counts.paid ?? 0,
      void: view.counts.void ?? 0,
    },
    job: view.job,
    stopped: view.controls.stopped,
    canIssue: view.controls.canIssue,
    blocked: view.controls.blocked,
  };
}

/** The run `id` as its page shows it; a malformed id is a 404 like an unknown one. */
async function runView(ctx: ApiContext, id: string): Promise<BillingRunView> {
  if (!z.uuid().safeParse(id).success) throw new AppError("not_found", "Billing run not found.");
  return getBillingRunView(ctx.db, await sharedJobQueue(), { runId: id, today: ctx.today });
}

export const listBillingRuns = apiOperation({
  method: "get",
  path: "/billing-runs",
  operationId: "listBillingRuns",
  summary: "List billing runs",
  description: "Distributor keys. Newest first, as the back office lists them.",
  tag: "Billing runs",
  audience: "distributor",
  query: pageQuerySchema.extend({
    period: periodSchema.optional().meta({ description: "Only the runs of this month." }),
  }),
  response: {
    description: "A page of billing runs.",
    schema: pageSchema(billingRunSummarySchema).meta({ id: "BillingRunPage" }),
  },
  handler: async ({ query }, ctx) => {
    const rows = await ctx.db
      .select({ cursorAt: cursorValue(billingRuns.startedAt), run: billingRuns })
      .from(billingRuns)
      .where(
        and(
          afterCursor(query.cursor, billingRuns.startedAt, billingRuns.id),
          query.period ? eq(billingRuns.period, query.period) : undefined,
        ),
      )
      .orderBy(desc(billingRuns.startedAt), desc(billingRuns.id))
      .limit(query.limit + 1);
    const open = rows.filter((r) => r.run.status !== "issued").map((r) => r.run.id);
    const working = open.length ? await workingRunIds(await sharedJobQueue(), open) : new Set<string>();
    return toPage(
      rows,
      query.limit,
      (r) => ({ at: r.cursorAt, id: r.run.id }),
      (r) => runSummary(r.run, working.has(r.run.id)),
    );
  },
});

export const getBillingRun = apiOperation({
  method: "get",
  path: "/billing-runs/{id}",
  operationId: "getBillingRun",
  summary: "Get a billing run",
  description: "Distributor keys. Its progress, its invoices by status and what it allows now.",
  tag: "Billing runs",
  audience: "distributor",
  params: idParams,
  response: { description: "The billing run.", schema: billingRunSchema },
  errors: [404],
  handler: async ({ params }, ctx) => runJson(await runView(ctx, params.id)),
});

export const startBillingRun = apiOperation({
  method: "post",
  path: "/billing-runs",
  operationId: "startBillingRun",
  summary: "Start a billing run",
  description:
    "Distributor keys. Creates the run of a month that has ended and queues its drafting; the answer is the run as it starts (`running`, `working`). Follow it with GET /billing-runs/{id}; the drafts are reviewed and issued in the back office (or one by one with POST /invoices/{id}/issue). 409 when the month has not ended, another run of it is in progress, or nothing is left to draft.",
  tag: "Billing runs",
  audience: "distributor",
  body: z.object({
    period: periodSchema.refine(
      (p) => Number(p.slice(5)) >= 1 && Number(p.slice(5)) <= 12,
      "Use a month like 2026-10.",
    ),
  }),
  response: { status: 201, description: "The run, drafting.", schema: billingRunSchema },
  errors: [409],
  handler: async ({ body }, ctx) => {
    const queue = await sharedJobQueue();
    const run = await requestBillingRun(ctx.db, queue, {
      period: body.period,
      today: ctx.today,
      actor: ctx.audit,
    });
    return runJson(await getBillingRunView(ctx.db, queue, { runId: run.id, today: ctx.today }));
  },
});

export const listBillingRunInvoices = apiOperation({
  method: "get",
  path: "/billing-runs/{id}/invoices",
  operationId: "listBillingRunInvoices",
  summary: "List a billing run's invoices",
  description: "Distributor keys. The invoices the run drafted (and issued), drafts included.",
  tag: "Billing runs",
  audience: "distributor",
  params: idParams,
  query: pageQuerySchema,
  response: { description: "A page of the run's invoices.", schema: invoicePageSchema },
  errors: [404],
  handler: async ({ params, query }, ctx) => {
    const [run] = z.uuid().safeParse(params.id).success
      ? await ctx.db.select({ id: billingRuns.id }).from(billingRuns).where(eq(billingRuns.id, params.id))
      : [];
    if (!run) throw new AppError("not_found", "Billing run not found.");
    return listInvoicePage(ctx.db, { resellerId: null }, { billingRunId: run.id }, query);
  },
});

export const billingRunOperations = [listBillingRuns, getBillingRun, startBillingRun, listBillingRunInvoices];
