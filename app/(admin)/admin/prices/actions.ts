"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { userAction } from "@/lib/actions/safe-action";
import { storefrontChanged } from "@/lib/catalogue/storefront-cache";
import { applyBookChanges } from "@/lib/prices/book";
import { applyImport, previewImport } from "@/lib/prices/csv";
import {
  importApplySchema,
  importPreviewSchema,
  newVersionSchema,
  saveCellsSchema,
  versionNoteSchema,
  versionRefSchema,
} from "@/lib/prices/schemas";
import { createVersion, deleteVersion, updateVersionNote } from "@/lib/prices/versions";

// Prices change what resellers pay: finance and admin only, and the storefront is rebuilt after each commit
// (a version in force today changes its prices; a scheduled one changes nothing there until its month).

export const createVersionAction = userAction("finance:write", newVersionSchema, async (input, ctx) => {
  const created = await createVersion(ctx.db, input, ctx.audit);
  storefrontChanged();
  revalidatePath("/admin/prices");
  redirect(`/admin/prices/${created.id}`);
});

export const saveNoteAction = userAction(
  "finance:write",
  versionNoteSchema,
  async (input, ctx) => {
    await updateVersionNote(ctx.db, input, ctx.audit);
    revalidatePath("/admin/prices", "layout");
  },
  { message: "Note saved." },
);

export const deleteVersionAction = userAction("finance:write", versionRefSchema, async (input, ctx) => {
  await deleteVersion(ctx.db, input.versionId, ctx.today, ctx.audit);
  storefrontChanged();
  revalidatePath("/admin/prices");
  redirect("/admin/prices");
});

export const saveCellsAction = userAction(
  "finance:write",
  saveCellsSchema,
  async (input, ctx) => {
    const result = await applyBookChanges(
      ctx.db,
      { versionId: input.versionId, changes: input.changes, today: ctx.today, source: "grid" },
      ctx.audit,
    );
    storefrontChanged();
    revalidatePath(`/admin/prices/${input.versionId}`);
    return result;
  },
  { message: (r) => `Saved ${r.applied} change${r.applied === 1 ? "" : "s"}.` },
);

export const previewImportAction = userAction("finance:write", importPreviewSchema, (input, ctx) =>
  previewImport(ctx.db, { ...input, today: ctx.today }),
);

export const applyImportAction = userAction(
  "finance:write",
  importApplySchema,
  async (input, ctx) => {
    const result = await applyImport(ctx.db, { ...input, today: ctx.today }, ctx.audit);
    storefrontChanged();
    revalidatePath(`/admin/prices/${input.versionId}`);
    return result;
  },
  {
    message: (r) =>
      r.applied === 0
        ? "Nothing to import: the file matches this version."
        : `Imported ${r.applied} change${r.applied === 1 ? "" : "s"}.`,
  },
);
