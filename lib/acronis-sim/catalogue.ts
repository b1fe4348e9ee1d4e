// Fixed data of the simulated datacenter: applications (acronis-api.md §3), the offering-item
// catalogue (§13) and the seeded storage infrastructures. Application UUIDs are the well-known
// constants; the infra ids are ours.

export const APP_IDS = {
  backup: "6e6d758d-8e74-3ae3-ac84-50eb0dff12eb",
  platform: "7459244f-68f3-3bf4-9f53-5f63ecc1d91f",
  files_cloud: "dfd85a5f-a464-32ab-81fd-99bcc66a070f",
  notary: "f9c5744e-bd1a-36b6-b0f0-ecd7483e1796",
  physical_data_shipping: "b71b2c18-590a-303c-9d5a-8444fbe713ac",
  hci: "cc29685d-a9ca-3e87-a83d-069f18b588f0",
} as const;

export type AppType = keyof typeof APP_IDS;

/** Acronis-hosted storage (platform-owned, Acronis backend): the default infra of every storage item. */
export const ACRONIS_INFRA_ID = "9a8b7c6d-0000-4e1f-a2b3-c4d5e6f70812";
/** Hyperscaler storage offered by the platform ("Microsoft Azure", backend_type azure). */
export const AZURE_INFRA_ID = "9a8b7c6d-0001-4e1f-a2b3-c4d5e6f70812";
/** Storage the distributor registered itself (platform_owned false): not Acronis's to charge. */
export const PARTNER_INFRA_ID = "9a8b7c6d-0002-4e1f-a2b3-c4d5e6f70812";
/** The seeded location all three infrastructures belong to. */
export const SIM_LOCATION_ID = "9a8b7c6d-1000-4e1f-a2b3-c4d5e6f70812";
/** Kept for callers written when the simulator had one storage. */
export const STORAGE_INFRA_ID = ACRONIS_INFRA_ID;

export type InfraCapability = "backup" | "disaster_recovery" | "files_cloud";

export const APPLICATIONS = [
  {
    type: "backup",
    name: "Protection",
    api_base_url: "/bc/",
    usages: [
      "workstations",
      "servers",
      "vms",
      "web_hosting_servers",
      "mobiles",
      "mailboxes",
      "gsuite_seats",
      "storage",
      "local_storage",
      "dr_storage",
      "compute_points",
      "pack_adv_security",
      "pack_adv_management",
      "pack_adv_backup_servers",
    ],
  },
  { type: "platform", name: "Management Portal", api_base_url: "/mc/", usages: [] },
  {
    type: "files_cloud",
    name: "File Sync & Share",
    api_base_url: "/fc/",
    usages: ["fc_seats", "fc_storage"],
  },
  { type: "notary", name: "Notary", api_base_url: "/notary/", usages: ["notarizations"] },
  { type: "physical_data_shipping", name: "Physical Data Shipping", api_base_url: "/pds/", usages: [] },
  { type: "hci", name: "Cyber Infrastructure", api_base_url: "/hci/", usages: [] },
].map((a) => ({ id: APP_IDS[a.type as AppType], ...a }));

export type OiType = "count" | "feature" | "infra";
export type OiUnit = "bytes" | "quantity" | "seconds" | "n/a";

export type CatalogueItem = {
  name: string;
  edition: string | null;
  usageName: string;
  type: OiType;
  unit: OiUnit;
  applicationId: string;
  infraId: string | null;
  /** For `infra` items: the storage capability an infrastructure needs to carry this item. */
  capability: InfraCapability | null;
};

/** What the catalogue needs to know about an infrastructure (state.ts has the full record). */
export type InfraRef = { id: string; capabilities: string[] };

type Row = [
  name: string,
  edition: string | null,
  usageName: string,
  type: OiType,
  unit: OiUnit,
  app: AppType,
];

const CAPABILITY_OF: Record<string, InfraCapability> = {
  storage: "backup",
  dr_storage: "disaster_recovery",
  compute_points: "disaster_recovery",
  fc_storage: "files_cloud",
};

const ROWS: Row[] = [
  ["pw_base_workstations", "pck_per_workload", "workstations", "count", "quantity", "backup"],
  ["pw_base_servers", "pck_per_workload", "servers", "count", "quantity", "backup"],
  ["pw_base_vms", "pck_per_workload", "vms", "count", "quantity", "backup"],
  ["pw_base_web_hosting_servers", "pck_per_workload", "web_hosting_servers", "count", "quantity", "backup"],
  ["pw_base_mobiles", "pck_per_workload", "mobiles", "count", "quantity", "backup"],
  ["pw_base_m365_seats", "pck_per_workload", "mailboxes", "count", "quantity", "backup"],
  ["pw_base_gworkspace_seats", "pck_per_workload", "gsuite_seats", "count", "quantity", "backup"],
  ["pw_base_storage", "pck_per_workload", "storage", "infra", "bytes", "backup"],
  ["pw_pack_adv_security", "pck_per_workload", "pack_adv_security", "count", "quantity", "backup"],
  ["pw_pack_adv_management", "pck_per_workload", "pack_adv_management", "count", "quantity", "backup"],
  [
    "pw_pack_adv_backup_servers",
    "pck_per_workload",
    "pack_adv_backup_servers",
    "count",
    "quantity",
    "backup",
  ],
  ["pw_base_adv_dr_storage", "pck_per_workload", "dr_storage", "infra", "bytes", "backup"],
  ["pw_base_adv_dr_compute_points", "pck_per_workload", "compute_points", "infra", "seconds", "backup"],
  ["pw_base_m365_mailboxes", "pck_per_workload", "o365_mailboxes", "feature", "n/a", "backup"],
  ["local_storage", null, "local_storage", "count", "bytes", "backup"],
  ["pg_base_storage", "pck_per_gigabyte", "storage", "infra", "bytes", "backup"],
  ["pg_base_workstations", "pck_per_gigabyte", "workstations", "count", "quantity", "backup"],
  ["pg_base_servers", "pck_per_gigabyte", "servers", "count", "quantity", "backup"],
  ["pg_base_vms", "pck_per_gigabyte", "vms", "count", "quantity", "backup"],
  ["pu_base_fc_seats", "fss_per_user", "fc_seats", "count", "quantity", "files_cloud"],
  ["pu_base_fc_storage", "fss_per_user", "fc_storage", "infra", "bytes", "files_cloud"],
];

/** One entry per offering item name; `infra` items are bound to the Acronis-hosted storage here. */
export const CATALOGUE: CatalogueItem[] = ROWS.map(([name, edition, usageName, type, unit, app]) => ({
  name,
  edition,
  usageName,
  type,
  unit,
  applicationId: APP_IDS[app],
  infraId: type === "infra" ? ACRONIS_INFRA_ID : null,
  capability: type === "infra" ? (CAPABILITY_OF[usageName] ?? "backup") : null,
}));

/**
 * The datacenter's offering items: each `infra` item once per infrastructure that has its capability
 * (the same name with different `infra_id`s), every other item once. The default infra comes first.
 */
export function expandCatalogue(infras: InfraRef[]): CatalogueItem[] {
  const ordered = [...infras].sort(
    (a, b) => Number(b.id === ACRONIS_INFRA_ID) - Number(a.id === ACRONIS_INFRA_ID),
  );
  return CATALOGUE.flatMap((item) =>
    item.capability === null
      ? [item]
      : ordered
          .filter((infra) => infra.capabilities.includes(item.capability!))
          .map((infra) => ({ ...item, infraId: infra.id })),
  );
}

export function oiKey(name: string, infraId: string | null): string {
  return `${name}|${infraId ?? ""}`;
}
