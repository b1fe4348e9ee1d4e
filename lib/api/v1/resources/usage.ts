import "server-only";
import { and, desc, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import { customers } from "@/db/schema";
import { addDays, daysBetween } from "@/lib/billing";
import { requireCustomerOf, requireSku } from "@/lib/dashboard/scope";
import { billingUnits, readDailyUsage, readMonthlyQuantities } from "@/lib/dashboard/usage-quantities";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { shiftPeriod } from "@/lib/invoices/periods";
import { type ApiContext, apiOperation } from "../operation";
import { afterCursor, cursorValue, pageQuerySchema, pageSchema, toPage } from "../pagination";
import { dateSchema, periodSchema } from "../schemas";
import { idFilter, resellerOfRequest } from "./resellers";

/** The longest ranges one request may ask for. */
export const MAX_DAILY_DAYS = 93;
export const MAX_MONTHS = 24;

const filters = {
  resellerId: idFilter("The reseller (required for distributor keys; a reseller key reads its own)."),
  customerId: idFilter("Only this customer."),
  service: z
    .string()
    .regex(/^[a-z0-9_]{1,64}$/, "A service code such as pw_base_storage.")
    .optional()
    .meta({ description: "Only this service (SKU code)." }),
};

const serviceShape = {
  service: z.string().meta({ description: "The SKU code.", example: "pw_base_storage" }),
  name: z.string(),
  unit: z.string().meta({ description: "The billing unit quantities are in (GB, workload, hour…)." }),
  aggregation: z
    .enum(["peak", "last"])
    .meta({ description: "How a month is billed: its peak day, or its last day (cumulative counters)." }),
};

const dailyItemSchema = z
  .object({
    customerId: z.string(),
    customerName: z.string(),
    services: z.array(
      z.object({
        ...serviceShape,
        days: z.array(z.object({ day: dateSchema, quantity: z.string().meta({ example: "12.5000" }) })),
      }),
    ),
  })
  .meta({ id: "CustomerDailyUsage" });

const monthlyItemSchema = z
  .object({
    customerId: z.string(),
    customerName: z.string(),
    services: z.array(
      z.object({
        ...serviceShape,
        months: z.array(
          z.object({
            month: periodSchema,
            quantity: z.string().meta({
              description: "The month's billed quantity (peak, or last day's value) in billing units.",
              example: "12.5000",
            }),
            billed: z.boolean().meta({
              description: "Whether the customer's usage of that month is billed (usage in trial is not).",
            }),
          }),
        ),
      }),
    ),
  })
  .meta({ id: "CustomerMonthlyUsage" });

function rangeError(message: string, field = "query.to"): AppError {
  return new AppError("validation", message, { [field]: [message] });
}

function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/**
 * One page of the reseller's customers (newest first, like GET /customers), or the one named; the range
 * and service are checked first, so a bad request never reads usage.
 */
async function customerPage(
  ctx: ApiContext,
  query: { resellerId?: string; customerId?: string; service?: string; cursor?: string; limit: number },
) {
  const resellerId = (await resellerOfRequest(ctx, query.resellerId, {
    field: "query.resellerId",
    required: true,
  })) as string;
  if (query.service) {
    await requireSku(ctx.db, query.service).catch((error: unknown) => {
      throw isAppError(error) ? rangeError(error.message, "query.service") : error;
    });
  }
  if (query.customerId) await requireCustomerOf(ctx.db, resellerId, query.customerId);
  const where: (SQL | undefined)[] = [
    eq(customers.resellerId, resellerId),
    query.customerId ? eq(customers.id, query.customerId) : undefined,
    afterCursor(query.cursor, customers.firstSeenAt, customers.id),
  ];
  const rows = await ctx.db
    .select({ id: customers.id, name: customers.name, cursorAt: cursorValue(customers.firstSeenAt) })
    .from(customers)
    .where(and(...where))
    .orderBy(desc(customers.firstSeenAt), desc(customers.id))
    .limit(query.limit + 1);
  return { rows, ids: rows.slice(0, query.limit).map((r) => r.id) };
}

/** Rows by customer, then by service, in the order they came. */
function group<R extends { customerId: string; code: string }>(rows: readonly R[]) {
  const out = new Map<string, Map<string, R[]>>();
  for (const row of rows) {
    const bySku = out.get(row.customerId) ?? new Map<string, R[]>();
    const list = bySku.get(row.code) ?? [];
    list.push(row);
    bySku.set(row.code, list);
    out.set(row.customerId, bySku);
  }
  return out;
}

export const dailyUsage = apiOperation({
  method: "get",
  path: "/usage/daily",
  operationId: "getDailyUsage",
  summary: "Usage per customer, service and day",
  description: `Each day's recorded usage (the day's peak, or the latest value of a cumulative counter) in billing units — the raw value ÷ the service's divisor, 4 decimals — as the customer page of the portal shows it. At most ${MAX_DAILY_DAYS} days per request; the page is over customers (newest first).`,
  tag: "Usage",
  query: pageQuerySchema.extend({
    from: dateSchema.meta({ description: "First day (UTC), inclusive." }),
    to: dateSchema.meta({
      description: `Last day (UTC), inclusive; at most ${MAX_DAILY_DAYS} days after from.`,
    }),
    ...filters,
  }),
  response: {
    description: "A page of customers with their daily usage.",
    schema: pageSchema(dailyItemSchema),
  },
  errors: [404],
  handler: async ({ query }, ctx) => {
    if (!isRealDay(query.from)) throw rangeError("Not a calendar day.", "query.from");
    if (!isRealDay(query.to)) throw rangeError("Not a calendar day.");
    if (query.to < query.from) throw rangeError("to is on or after from.");
    if (daysBetween(query.from, addDays(query.to, 1)) > MAX_DAILY_DAYS)
      throw rangeError(`At most ${MAX_DAILY_DAYS} days per request: split the range.`);
    const page = await customerPage(ctx, query);
    const byCustomer = group(
      await readDailyUsage(ctx.db, page.ids, { from: query.from, to: query.to, sku: query.service }),
    );
    return toPage(
      page.rows,
      query.limit,
      (r) => ({ at: r.cursorAt, id: r.id }),
      (r) => ({
        customerId: r.id,
        customerName: r.name,
        services: [...(byCustomer.get(r.id)?.values() ?? [])].map((list) => {
          const first = list[0] as (typeof list)[number];
          return {
            service: first.code,
            name: first.name,
            unit: first.unit,
            aggregation: first.aggregation,
            days: list.map((d) => ({ day: d.day, quantity: billingUnits(d.value, d.divisor) })),
          };
        }),
      }),
    );
  },
});

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

const monthSchema = periodSchema.regex(/^\d{4}-(0[1-9]|1[0-2])$/, "A month is written YYYY-MM.");

export const monthlyUsage = apiOperation({
  method: "get",
  path: "/usage/monthly",
  operationId: "getMonthlyUsage",
  summary: "Usage per customer, service and month",
  description: `Each month's billed quantity per customer and service in billing units: the month's peak day, or the last day's value of a cumulative counter, ÷ the service's divisor — what a whole month's invoice line carries (before the contract's paid window; a running month so far). \`billed\` is false for a month the customer was in trial. At most ${MAX_MONTHS} months per request; the page is over customers (newest first).`,
  tag: "Usage",
  query: pageQuerySchema.extend({
    from: monthSchema.meta({ description: "First month, YYYY-MM." }),
    to: monthSchema.meta({ description: `Last month, YYYY-MM; at most ${MAX_MONTHS} months from from.` }),
    ...filters,
  }),
  response: {
    description: "A page of customers with their monthly usage.",
    schema: pageSchema(monthlyItemSchema),
  },
  errors: [404],
  handler: async ({ query }, ctx) => {
    if (query.to < query.from) throw rangeError("to is on or after from.");
    if (monthsBetween(query.from, query.to) > MAX_MONTHS) {
      throw rangeError(
        `At most ${MAX_MONTHS} months per request (${query.from} to ${shiftPeriod(query.from, MAX_MONTHS - 1)}): split the range.`,
      );
    }
    const page = await customerPage(ctx, query);
    const byCustomer = group(
      await readMonthlyQuantities(ctx.db, page.ids, { from: query.from, to: query.to, sku: query.service }),
    );
    return toPage(
      page.rows,
      query.limit,
      (r) => ({ at: r.cursorAt, id: r.id }),
      (r) => ({
        customerId: r.id,
        customerName: r.name,
        services: [...(byCustomer.get(r.id)?.values() ?? [])].map((list) => {
          const first = list[0] as (typeof list)[number];
          return {
            service: first.code,
            name: first.name,
            unit: first.unit,
            aggregation: first.aggregation,
            months: list.map((m) => ({ month: m.month, quantity: m.quantity, billed: m.billed })),
          };
        }),
      }),
    );
  },
});

export const usageOperations = [dailyUsage, monthlyUsage];
