/** Who stands behind a storage infrastructure (db enum `storage_owner`); pure, for client forms too. */
export const STORAGE_OWNERS = ["acronis", "hyperscaler", "partner"] as const;
export type StorageOwner = (typeof STORAGE_OWNERS)[number];

export const storageOwnerLabels: Record<StorageOwner, string> = {
  acronis: "Acronis-hosted",
  hyperscaler: "Hyperscaler-hosted",
  partner: "Partner-owned (not billed)",
};
