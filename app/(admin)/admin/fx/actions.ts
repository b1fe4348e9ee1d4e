"use server";
import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/actions/safe-action";
import { storefrontChanged } from "@/lib/catalogue/storefront-cache";
import { applyEcbImport, planEcbImport, summarisePlan } from "@/lib/fx/import";
import { addRateSchema, correctRateSchema, deleteRateSchema, importSchema } from "@/lib/fx/rate-format";
import {
  addRate,
  checkAddRate,
  checkCorrectRate,
  checkDeleteRate,
  correctRate,
  deleteRate,
} from "@/lib/fx/write";

/** After a committed change: the back office lists it and the storefront reconverts its prices. */
function changed() {
  revalidatePath("/admin/fx", "layout");
  storefrontChanged();
}

// Each change is submitted twice: first it is validated and described (nothing stored), then confirmed.

export const addRateAction = userAction(
  "finance:write",
  addRateSchema,
  async (input, ctx) => {
    if (!input.confirmed)
      return { stage: "confirm" as const, ...(await checkAddRate(ctx.db, input, ctx.today)) };
    const saved = await addRate(ctx.db, input, ctx.audit, ctx.today);
    changed();
    return { stage: "done" as const, ...saved };
  },
  {
    message: (d) =>
      d.stage === "done" ? `Added 1 ${d.from} = ${d.rate} ${d.to}, dated ${d.date}. ${d.effect}` : "",
  },
);

export const correctRateAction = userAction(
  "finance:write",
  correctRateSchema,
  async (input, ctx) => {
    if (!input.confirmed) {
      const rate = await checkCorrectRate(ctx.db, input, ctx.today);
      // The values to confirm travel in the answer: a successful answer echoes no form values.
      return {
        stage: "confirm" as const,
        from: rate.from,
        to: rate.to,
        date: rate.date,
        before: rate.rate,
        rate: String(input.rate),
        source: input.source,
      };
    }
    const saved = await correctRate(ctx.db, input, ctx.audit, ctx.today);
    changed();
    return { stage: "done" as const, ...saved, before: "" };
  },
  {
    message: (d) => (d.stage === "done" ? `Corrected: 1 ${d.from} = ${d.rate} ${d.to} from ${d.date}.` : ""),
  },
);

export const deleteRateAction = userAction(
  "finance:write",
  deleteRateSchema,
  async (input, ctx) => {
    if (!input.confirmed) {
      const rate = await checkDeleteRate(ctx.db, input.id, ctx.today);
      return { stage: "confirm" as const, from: rate.from, to: rate.to, date: rate.date };
    }
    const deleted = await deleteRate(ctx.db, input.id, ctx.audit, ctx.today);
    changed();
    return { stage: "done" as const, ...deleted };
  },
  { message: (d) => (d.stage === "done" ? `Deleted the ${d.from} → ${d.to} rate of ${d.date}.` : "") },
);

/** Reads the file and says what importing it would do; stores nothing. */
export const previewImportAction = userAction("finance:write", importSchema, async ({ csv }, ctx) =>
  summarisePlan(await planEcbImport(ctx.db, csv, ctx.today)),
);

export const applyImportAction = userAction(
  "finance:write",
  importSchema,
  async ({ csv, fingerprint }, ctx) => {
    const result = await applyEcbImport(ctx.db, csv, ctx.audit, ctx.today, fingerprint);
    if (result.added + result.changed + result.crossAdded + result.crossChanged > 0) changed();
    return result;
  },
  {
    message: (r) =>
      `Imported: ${r.added} new, ${r.changed} changed, ${r.unchanged} unchanged.${
        r.crossAdded + r.crossChanged + r.crossUnchanged > 0
          ? ` Derived cross rates: ${r.crossAdded} new, ${r.crossChanged} changed, ${r.crossUnchanged} unchanged.`
          : ""
      }${r.changesToday ? " The storefront converts with the new rates now." : ""}`,
  },
);
