import { z } from "zod";

/** Shared pieces of /api/v1's schemas (request and response), documented once in the reference. */

/** An amount of money: a decimal string, never a float (e.g. "1234.50"). */
export const moneySchema = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .meta({ description: "A decimal amount as a string (never a binary float).", example: "1234.50" });

export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .meta({ description: "ISO 4217 currency code.", example: "EUR" });

export const periodSchema = z
  .string()
  .regex(/^\d{4}-\d{2}$/, "A month is written YYYY-MM.")
  .meta({ description: "A calendar month, YYYY-MM.", example: "2026-11" });

export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "A day is written YYYY-MM-DD.")
  .meta({ description: "A calendar day (UTC), YYYY-MM-DD.", example: "2026-11-30" });

export const timestampSchema = z
  .string()
  .meta({ description: "An instant, ISO 8601 in UTC.", example: "2026-11-30T09:15:00.000Z" });

/** A path's `{id}`: any text, so a malformed id is a 404 like an unknown one (ids reveal nothing). */
export const idParams = z.object({
  id: z
    .string()
    .max(100)
    .meta({ description: "The resource's id (UUID).", example: "0b6f2c1e-7f43-4c55-9a57-2f7e3c9d1a01" }),
});

/** Every error: a stable code, a sentence for people, and field errors when the request was invalid. */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: "not_found" }),
      message: z.string().meta({ example: "Invoice not found." }),
      details: z.record(z.string(), z.array(z.string())).optional(),
    }),
  })
  .meta({ id: "Error" });

/** JSON dates as the API writes them. */
export function iso(value: Date): string;
export function iso(value: Date | null): string | null;
export function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}
