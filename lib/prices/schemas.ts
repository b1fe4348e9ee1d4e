import { z } from "zod";

/** Form schemas of the price book's actions (server-validated; the pages send these fields). */

const versionId = z.string().uuid("Choose a price version.");
const note = z.string().trim().max(500, "At most 500 characters.");

export const newVersionSchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Choose the month the version starts."),
  note,
});

export const versionNoteSchema = z.object({ versionId, note });

export const versionRefSchema = z.object({ versionId });

const change = z.object({
  kind: z.enum(["price", "commitment"]),
  tier: z.string().min(1).max(64),
  sku: z.string().min(1).max(64).nullable(),
  currency: z.string().length(3),
  from: z.string().max(40).nullable(),
  to: z.string().max(40).nullable(),
});

export const saveCellsSchema = z.object({
  versionId,
  changes: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "The changes could not be read; review them again." });
        return z.NEVER;
      }
    })
    .pipe(z.array(change).min(1, "Nothing to save: change a cell first.").max(5000)),
});

const csv = z
  .string()
  .min(1, "Paste the CSV or choose a file.")
  .max(900_000, "The file is too large for a price book (900 kB at most).");

export const importPreviewSchema = z.object({ versionId, csv });

export const importApplySchema = z.object({
  versionId,
  csv,
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, "Preview the file again."),
});
