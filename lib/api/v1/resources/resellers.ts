import "server-only";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type Reseller, resellers } from "@/db/schema";
import { webAcronisDirectory } from "@/lib/acronis/datacenters";
import { requireReseller } from "@/lib/dashboard/scope";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { appOrigin } from "@/lib/http/origin";
import {
  createReseller,
  createResellerSchema,
  editResellerSchema,
  updateResellerDetails,
} from "@/lib/resellers";
import { MAX_BILLING_CONTACTS } from "@/lib/resellers/schema";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { type ApiContext, apiOperation } from "../operation";
import { afterCursor, cursorValue, pageQuerySchema, pageSchema, toPage } from "../pagination";
import { currencySchema, idParams, iso, timestampSchema } from "../schemas";

/** Any UUID PostgreSQL accepts: a path id that is not one is simply not found. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A filter naming a record by id (a malformed one is a 400 with the field named). */
export const idFilter = (description: string) =>
  z.string().regex(UUID, "Not an id.").optional().meta({ description });

/**
 * The reseller a request is about. A reseller key always acts for its own reseller: naming another is not
 * found (never "forbidden", which would confirm it exists). A distributor key names one (`field`), which
 * must exist; `required: false` lets it mean "every reseller" by naming none (null).
 */
export async function resellerOfRequest(
  ctx: ApiContext,
  requested: string | undefined,
  options: { field: string; required: boolean },
): Promise<string | null> {
  if (ctx.resellerId) {
    if (requested !== undefined && requested !== ctx.resellerId)
      throw new AppError("not_found", "Reseller not found.");
    return ctx.resellerId;
  }
  if (requested === undefined) {
    if (!options.required) return null;
    throw new AppError("validation", "A distributor key names the reseller.", {
      [options.field]: ["Name the reseller (resellerId)."],
    });
  }
  return (await requireReseller(ctx.db, requested)).id;
}

/** Field errors a service reports by form field ("taxId") are the body's fields in the API ("body.taxId"). */
export function asBodyErrors(error: unknown): unknown {
  if (!isAppError(error) || !error.fieldErrors) return error;
  const details = Object.fromEntries(
    Object.entries(error.fieldErrors).map(([k, v]) => [k.startsWith("body.") ? k : `body.${k}`, v]),
  );
  return new AppError(error.code, error.message, details);
}

const decimalString = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .meta({ description: "A decimal as a string.", example: "20.0000" });

export const resellerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    legalName: z.string(),
    addressLine1: z.string(),
    addressLine2: z.string().nullable(),
    city: z.string(),
    postalCode: z.string(),
    region: z.string().nullable(),
    country: z.string().meta({ description: "ISO 3166-1 alpha-2.", example: "DE" }),
    taxId: z.string().nullable(),
    taxRatePercent: decimalString.meta({ description: "The tax rate its invoices print (0–100)." }),
    reverseCharge: z.boolean().meta({ description: "EU reverse charge: taxed 0 %, the invoice says so." }),
    currency: currencySchema.meta({ description: "The billing currency." }),
    billingEmail: z.string(),
    billingContacts: z.array(z.string()).meta({ description: "Further addresses that receive invoices." }),
    status: z.enum(["pending_verification", "pending_approval", "active", "closed"]),
    priceAdjustment: z
      .object({
        kind: z.enum(["sell_discount", "cost_markup", "cost_margin"]),
        percent: decimalString,
      })
      .nullable()
      .optional()
      .meta({ description: "How its prices are adjusted (none: null). Distributor keys only." }),
    acronisTenantId: z
      .string()
      .nullable()
      .meta({ description: "Its Acronis partner tenant, once provisioned." }),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: "Reseller" });

export function resellerDto(row: Reseller, ctx: ApiContext): z.infer<typeof resellerSchema> {
  return {
    id: row.id,
    name: row.name,
    legalName: row.legalName,
    addressLine1: row.addressLine1,
    addressLine2: row.addressLine2,
    city: row.city,
    postalCode: row.postalCode,
    region: row.region,
    country: row.country,
    taxId: row.taxId,
    taxRatePercent: row.taxRatePercent,
    reverseCharge: row.reverseCharge,
    currency: row.currency,
    billingEmail: row.billingEmail,
    billingContacts: row.billingContacts,
    status: row.status,
    // The adjustment speaks of the distributor's cost (domain.md §2.2): the distributor's own business.
    ...(ctx.resellerId
      ? {}
      : {
          priceAdjustment:
            row.priceAdjustmentKind && row.priceAdjustmentPercent
              ? { kind: row.priceAdjustmentKind, percent: row.priceAdjustmentPercent }
              : null,
        }),
    acronisTenantId: row.acronisTenantId,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

async function findReseller(ctx: ApiContext, id: string): Promise<Reseller> {
  const visible = isUuid(id) && (!ctx.resellerId || ctx.resellerId === id);
  const [row] = visible ? await ctx.db.select().from(resellers).where(eq(resellers.id, id)) : [];
  if (!row) throw new AppError("not_found", "Reseller not found.");
  return row;
}

const listQuery = pageQuerySchema.extend({
  status: z
    .enum(["pending_verification", "pending_approval", "active", "closed"])
    .optional()
    .meta({ description: "Only resellers in this status." }),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, "A two-letter country code.")
    .optional()
    .meta({ description: "ISO 3166-1 alpha-2 country code." }),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, "A three-letter currency code.")
    .optional()
    .meta({ description: "Billing currency (ISO 4217)." }),
  q: z.string().trim().min(1).max(100).optional().meta({ description: "Name contains (any case)." }),
});

/** `%`, `_` and `\` match themselves in a "contains" filter. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export const listResellers = apiOperation({
  method: "get",
  path: "/resellers",
  operationId: "listResellers",
  summary: "List resellers",
  description:
    "The distributor's resellers, newest first. A reseller key gets a list of exactly itself (filters still apply).",
  tag: "Resellers",
  query: listQuery,
  response: { description: "A page of resellers.", schema: pageSchema(resellerSchema) },
  handler: async ({ query }, ctx) => {
    const where: (SQL | undefined)[] = [
      ctx.resellerId ? eq(resellers.id, ctx.resellerId) : undefined,
      query.status ? eq(resellers.status, query.status) : undefined,
      query.country ? eq(resellers.country, query.country.toUpperCase()) : undefined,
      query.currency ? eq(resellers.currency, query.currency.toUpperCase()) : undefined,
      query.q ? sql`${resellers.name} ilike ${containsPattern(query.q)}` : undefined,
      afterCursor(query.cursor, resellers.createdAt, resellers.id),
    ];
    const rows = await ctx.db
      .select({ reseller: resellers, cursorAt: cursorValue(resellers.createdAt) })
      .from(resellers)
      .where(and(...where))
      .orderBy(desc(resellers.createdAt), desc(resellers.id))
      .limit(query.limit + 1);
    return toPage(
      rows,
      query.limit,
      (r) => ({ at: r.cursorAt, id: r.reseller.id }),
      (r) => resellerDto(r.reseller, ctx),
    );
  },
});

export const getReseller = apiOperation({
  method: "get",
  path: "/resellers/{id}",
  operationId: "getReseller",
  summary: "Get a reseller",
  description: "A reseller key may read only its own reseller; any other id is 404.",
  tag: "Resellers",
  params: idParams,
  response: { description: "The reseller.", schema: resellerSchema },
  errors: [404],
  handler: async ({ params }, ctx) => resellerDto(await findReseller(ctx, params.id), ctx),
});

const emailList = z
  .array(z.string().max(200))
  .max(MAX_BILLING_CONTACTS, `At most ${MAX_BILLING_CONTACTS} further contacts.`)
  .meta({ description: "Further addresses that receive invoices and reminders." });

/**
 * The back office's "new reseller" form as JSON (a boolean trial, a list of contacts). The types are
 * documented here; the values are checked by the form's own schema (createResellerSchema) in the handler.
 */
const createBody = z
  .object({
    name: z.string().meta({ description: "Company name." }),
    legalName: z.string().optional().meta({ description: "Legal name (default: the name)." }),
    addressLine1: z.string(),
    addressLine2: z.string().optional(),
    city: z.string(),
    postalCode: z.string(),
    region: z.string().optional(),
    country: z.string().meta({ description: "ISO 3166-1 alpha-2.", example: "DE" }),
    taxId: z.string().optional().meta({ description: "VAT id, in the country's format." }),
    billingEmail: z.string(),
    billingContacts: emailList.optional(),
    currency: z
      .string()
      .meta({ description: "Billing currency: a price list's or one FX reaches.", example: "EUR" }),
    tier: z.string().meta({ description: "The tier ordered (its code).", example: "T1" }),
    trial: z.boolean().optional().meta({ description: "Start with a free trial of the tier." }),
    ownerName: z.string(),
    ownerEmail: z.string().meta({ description: "The owner, invited by email to choose a password." }),
    acronisLogin: z.string().meta({ description: "The admin login to create in Acronis (must be free)." }),
  })
  .strict()
  .meta({ id: "NewReseller" });

/** A form schema's verdict on the body: its values, or 400 naming each body field. */
function parseAsForm<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw asBodyErrors(
      new AppError("validation", "Check the highlighted fields.", fieldErrorsOf(parsed.error)),
    );
  }
  return parsed.data;
}

const createdSchema = z
  .object({
    reseller: resellerSchema,
    contractId: z.string().meta({ description: "The contract ordered with it (pending until provisioned)." }),
    ownerId: z.string().meta({ description: "The owner, invited by email to choose a password." }),
  })
  .meta({ id: "CreatedReseller" });

export const createResellerOp = apiOperation({
  method: "post",
  path: "/resellers",
  operationId: "createReseller",
  summary: "Create a reseller",
  description:
    "What the back office's “new reseller” page does: the company (tax rate from the distributor's table), its owner invited by email, and the contract ordered and queued for provisioning in Acronis — one transaction. The Acronis login must be free in the datacenter its country maps to. Distributor keys only.",
  tag: "Resellers",
  audience: "distributor",
  body: createBody,
  response: { status: 201, description: "The reseller, its contract and owner.", schema: createdSchema },
  errors: [409, 502],
  handler: async ({ body }, ctx) => {
    const input = parseAsForm(createResellerSchema, {
      ...body,
      trial: body.trial ? "on" : undefined,
      billingContacts: body.billingContacts?.join(", "),
    });
    const created = await createReseller(ctx.db, ctx.audit, input, {
      checkAcronisLogin: async (login, datacenterId) =>
        (await webAcronisDirectory(ctx.db).client(datacenterId)).checkLogin(login),
      appUrl: appOrigin(),
      today: ctx.today,
    }).catch((error: unknown) => {
      throw asBodyErrors(error);
    });
    return {
      reseller: resellerDto(await findReseller(ctx, created.resellerId), ctx),
      contractId: created.contractId,
      ownerId: created.ownerId,
    };
  },
});

const patchBody = z
  .object({
    name: z.string(),
    legalName: z.string(),
    addressLine1: z.string(),
    addressLine2: z.string().nullable(),
    city: z.string(),
    postalCode: z.string(),
    region: z.string().nullable(),
    country: z.string(),
    taxId: z.string().nullable(),
    billingEmail: z.string(),
    billingContacts: emailList,
  })
  .partial()
  .strict()
  .meta({ id: "ResellerChanges", description: "The fields to change; the others keep their value." });

export const updateReseller = apiOperation({
  method: "patch",
  path: "/resellers/{id}",
  operationId: "updateReseller",
  summary: "Change a reseller's details",
  description:
    "The back office's edit page: company and billing details, checked as the page checks them (a VAT id's format when it or the country changes; a reseller under reverse charge keeps a country and VAT id that allow it). The tax rate and price adjustment are changed elsewhere, with a reason. Distributor keys only.",
  tag: "Resellers",
  audience: "distributor",
  params: idParams,
  body: patchBody,
  response: { description: "The reseller as it now is.", schema: resellerSchema },
  errors: [404],
  handler: async ({ params, body }, ctx) => {
    const row = await findReseller(ctx, params.id);
    const merged = {
      resellerId: row.id,
      name: body.name ?? row.name,
      legalName: body.legalName ?? row.legalName,
      addressLine1: body.addressLine1 ?? row.addressLine1,
      addressLine2: (body.addressLine2 === undefined ? row.addressLine2 : body.addressLine2) ?? "",
      city: body.city ?? row.city,
      postalCode: body.postalCode ?? row.postalCode,
      region: (body.region === undefined ? row.region : body.region) ?? "",
      country: body.country ?? row.country,
      taxId: (body.taxId === undefined ? row.taxId : body.taxId) ?? "",
      billingEmail: body.billingEmail ?? row.billingEmail,
      billingContacts: (body.billingContacts ?? row.billingContacts).join(", "),
    };
    const input = parseAsForm(editResellerSchema, merged);
    await updateResellerDetails(ctx.db, ctx.audit, input).catch((error: unknown) => {
      throw asBodyErrors(error);
    });
    return resellerDto(await findReseller(ctx, row.id), ctx);
  },
});

export const resellerOperations = [listResellers, getReseller, createResellerOp, updateReseller];
