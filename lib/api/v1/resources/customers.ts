import "server-only";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { customers } from "@/db/schema";
import { periodEnd } from "@/lib/billing";
import { AppError } from "@/lib/errors/app-error";
import { customerBilledIn } from "@/lib/usage/billed";
import { type ApiContext, apiOperation } from "../operation";
import { afterCursor, cursorValue, pageQuerySchema, pageSchema, toPage } from "../pagination";
import { idParams, iso, timestampSchema } from "../schemas";
import { containsPattern, idFilter, isUuid, resellerOfRequest } from "./resellers";

export const customerSchema = z
  .object({
    id: z.string(),
    resellerId: z.string(),
    name: z.string(),
    acronisTenantId: z.string().meta({ description: "The customer tenant in Acronis." }),
    enabled: z.boolean(),
    path: z.string().meta({
      description: 'Folders and sub-partners between the reseller and the customer ("" when direct).',
    }),
    pricingMode: z
      .enum(["trial", "production", "suspended"])
      .meta({ description: "Acronis's pricing mode." }),
    productionStartDate: timestampSchema
      .nullable()
      .meta({ description: "In trial: when Acronis switches it to production; else when it was switched." }),
    billed: z.boolean().meta({
      description: "Whether this month's usage is billed (a customer in trial is not: “trial — not billed”).",
    }),
    firstSeenAt: timestampSchema,
    lastSeenAt: timestampSchema,
  })
  .meta({ id: "Customer" });

/** The columns of a customer as the API shows it; `billed` by the billing loader's own rule for this month. */
function customerColumns(today: string) {
  return {
    id: customers.id,
    resellerId: customers.resellerId,
    name: customers.name,
    acronisTenantId: customers.acronisTenantId,
    enabled: customers.enabled,
    path: customers.path,
    pricingMode: customers.pricingMode,
    productionStartDate: customers.productionStartDate,
    billed: sql<boolean>`${customerBilledIn("customers", periodEnd(today.slice(0, 7)))}`,
    firstSeenAt: customers.firstSeenAt,
    lastSeenAt: customers.lastSeenAt,
  };
}

type Row = {
  id: string;
  resellerId: string;
  name: string;
  acronisTenantId: string;
  enabled: boolean;
  path: string;
  pricingMode: string;
  productionStartDate: Date | null;
  billed: boolean;
  firstSeenAt: Date;
  lastSeenAt: Date;
};

function customerDto(row: Row): z.infer<typeof customerSchema> {
  return {
    ...row,
    pricingMode: row.pricingMode as "trial" | "production" | "suspended",
    productionStartDate: iso(row.productionStartDate),
    firstSeenAt: iso(row.firstSeenAt),
    lastSeenAt: iso(row.lastSeenAt),
  };
}

/** A customer the key may see (a reseller key: its own reseller's), else 404. */
export async function findCustomer(ctx: ApiContext, id: string): Promise<Row> {
  const [row] = isUuid(id)
    ? await ctx.db
        .select(customerColumns(ctx.today))
        .from(customers)
        .where(
          and(eq(customers.id, id), ctx.resellerId ? eq(customers.resellerId, ctx.resellerId) : undefined),
        )
    : [];
  if (!row) throw new AppError("not_found", "Customer not found.");
  return row;
}

export const listCustomersOp = apiOperation({
  method: "get",
  path: "/customers",
  operationId: "listCustomers",
  summary: "List customers",
  description:
    "A reseller's end customers (Acronis customer tenants in its subtree, as usage sync finds them), newest first. A reseller key lists its own; a distributor key may name a reseller.",
  tag: "Customers",
  query: pageQuerySchema.extend({
    resellerId: idFilter("Only this reseller's customers (distributor keys)."),
    q: z.string().trim().min(1).max(100).optional().meta({ description: "Name contains (any case)." }),
  }),
  response: { description: "A page of customers.", schema: pageSchema(customerSchema) },
  errors: [404],
  handler: async ({ query }, ctx) => {
    const resellerId = await resellerOfRequest(ctx, query.resellerId, {
      field: "query.resellerId",
      required: false,
    });
    const where: (SQL | undefined)[] = [
      resellerId ? eq(customers.resellerId, resellerId) : undefined,
      query.q ? sql`${customers.name} ilike ${containsPattern(query.q)}` : undefined,
      afterCursor(query.cursor, customers.firstSeenAt, customers.id),
    ];
    const rows = await ctx.db
      .select({ ...customerColumns(ctx.today), cursorAt: cursorValue(customers.firstSeenAt) })
      .from(customers)
      .where(and(...where))
      .orderBy(desc(customers.firstSeenAt), desc(customers.id))
      .limit(query.limit + 1);
    return toPage(
      rows,
      query.limit,
      (r) => ({ at: r.cursorAt, id: r.id }),
      ({ cursorAt: _at, ...r }) => customerDto(r),
    );
  },
});

export const getCustomer = apiOperation({
  method: "get",
  path: "/customers/{id}",
  operationId: "getCustomer",
  summary: "Get a customer",
  description: "A reseller key may read only its own customers; any other id is 404.",
  tag: "Customers",
  params: idParams,
  response: { description: "The customer.", schema: customerSchema },
  errors: [404],
  handler: async ({ params }, ctx) => customerDto(await findCustomer(ctx, params.id)),
});

export const customerOperations = [listCustomersOp, getCustomer];
