// Fixed data of the simulated datacenter: applications (acronis-api.md §3) and the offering-item
// catalogue (§13). Application UUIDs are the well-known constants; the infra id is ours.

export const APP_IDS = {
  backup: "6e6d758d-8e74-3ae3-ac84-50eb0dff12eb",
  platform: "7459244f-68f3-3bf4-9f53-5f63ecc1d91f",
  files_cloud: "dfd85a5f-a464-32ab-81fd-99bcc66a070f",
  notary: "f9c5744e-bd1a-36b6-b0f0-ecd7483e1796",
  physical_data_shipping: "b71b2c18-590a-303c-9d5a-8444fbe713ac",
  hci: "cc29685d-a9ca-3e87-a83d-069f18b588f0",
} as const;

export type AppType = keyof typeof APP_IDS;

export const STORAGE_INFRA_ID = "9a8b7c6d-0000-4e1f-a2b3-c4d5e6f70812";

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
};

type Row = [
  name: string,
  edition: string | null,
  usageName: string,
  type: OiType,
  unit: OiUnit,
  app: AppType,
];

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

export const CATALOGUE: CatalogueItem[] = ROWS.map(([name, edition, usageName, type, unit, app]) => ({
  name,
  edition,
  usageName,
  type,
  unit,
  applicationId: APP_IDS[app],
  infraId: type === "infra" ? STORAGE_INFRA_ID : null,
}));

export function findCatalogueItem(name: string): CatalogueItem | undefined {
  return CATALOGUE.find((item) => item.name === name);
}

export function oiKey(name: string, infraId: string | null): string {
  return `${name}|${infraId ?? ""}`;
}
