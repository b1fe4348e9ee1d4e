import { describe, expect, it } from "vitest";
import type { AcronisInfraOwner } from "@/lib/acronis/types";
import { subtreePath } from "./customers";
import { resolveSku, type SkuRef } from "./sku-resolver";

const sku = (code: string): SkuRef => ({ id: `id-${code}`, code, aggregation: "peak" });
// As seeded: storage by owner, a hyperscaler SKU under the same Acronis name, a plain count SKU.
const byName = new Map<string, Map<string, SkuRef>>([
  [
    "pw_base_storage",
    new Map([
      ["acronis", sku("pw_base_storage")],
      ["hyperscaler", sku("pw_base_storage_hyperscaler")],
    ]),
  ],
  ["pw_base_adv_dr_storage", new Map([["acronis", sku("pw_base_adv_dr_storage")]])],
  ["pw_base_workstations", new Map([["", sku("pw_base_workstations")]])],
]);
const owners = new Map<string, AcronisInfraOwner>([
  ["infra-acronis", "acronis"],
  ["infra-azure", "hyperscaler"],
  ["infra-nas", "partner"],
]);
const resolve = (name: string, infraId: string | null) => resolveSku(byName, owners, { name, infraId });

describe("which SKU bills a usage row", () => {
  it("bills storage by the owner of its infrastructure", () => {
    expect(resolve("pw_base_storage", "infra-acronis")).toEqual({
      status: "billed",
      sku: sku("pw_base_storage"),
    });
    expect(resolve("pw_base_storage", "infra-azure")).toEqual({
      status: "billed",
      sku: sku("pw_base_storage_hyperscaler"),
    });
    expect(resolve("pw_base_storage", "infra-nas")).toMatchObject({
      status: "not_billed",
      note: "not billed: partner-owned storage",
    });
  });

  it("keeps billing rows without an infrastructure as before: the SKU without owner, else the Acronis-hosted one", () => {
    expect(resolve("pw_base_workstations", null)).toMatchObject({
      status: "billed",
      sku: { code: "pw_base_workstations" },
    });
    expect(resolve("pw_base_storage", null)).toMatchObject({
      status: "billed",
      sku: { code: "pw_base_storage" },
    });
    // A count item reported on Acronis-hosted storage still bills its owner-less SKU.
    expect(resolve("pw_base_workstations", "infra-acronis")).toMatchObject({ status: "billed" });
  });

  it("names what it cannot bill instead of dropping it", () => {
    expect(resolve("pw_base_storage", "infra-new")).toMatchObject({
      status: "unknown_infra",
      infraId: "infra-new",
      note: expect.stringContaining("infra-new"),
    });
    expect(resolve("pw_base_adv_dr_storage", "infra-azure")).toMatchObject({
      status: "no_sku",
      note: expect.stringContaining("hyperscaler"),
    });
    expect(resolve("local_storage", null)).toMatchObject({ status: "unknown_name" });
  });
});

describe("a customer's path under its reseller", () => {
  const root = "reseller";
  const byId = new Map([
    ["folder", { name: "Hospitals", parentId: root }],
    ["sub", { name: "Sub IT", parentId: root }],
    ["sub-folder", { name: "Vets", parentId: "sub" }],
  ]);
  it("names the folders and sub-partners between them, outermost first", () => {
    expect(subtreePath({ parentId: root }, root, byId)).toBe("");
    expect(subtreePath({ parentId: "folder" }, root, byId)).toBe("Hospitals");
    expect(subtreePath({ parentId: "sub-folder" }, root, byId)).toBe("Sub IT / Vets");
    // A parent Acronis did not list (yet) ends the path where it is known.
    expect(subtreePath({ parentId: "elsewhere" }, root, byId)).toBe("");
  });
});
