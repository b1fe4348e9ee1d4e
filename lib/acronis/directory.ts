import type { AcronisClient } from "./client";

/**
 * The Acronis datacenters Tierline talks to, each with its own client (issue 14: a distributor's resellers may
 * live in several). Jobs, syncs and reports ask for the client of the reseller's datacenter
 * (`resellers.datacenter_id`). lib/acronis/datacenters.ts builds the database-backed one; a single client
 * (tests, the simulator in a test) stands for every datacenter through `singleDatacenter`.
 */
export type AcronisDirectory = {
  /** The client of one datacenter; clients are cached and rebuilt when the datacenter's row changes. */
  client(datacenterId: string): Promise<AcronisClient>;
};

export function singleDatacenter(client: AcronisClient): AcronisDirectory {
  return { client: async () => client };
}

export function isAcronisDirectory(value: AcronisClient | AcronisDirectory): value is AcronisDirectory {
  return typeof (value as AcronisDirectory).client === "function" && !("whoAmI" in value);
}

/** Lets functions take either one client (every datacenter) or a directory. */
export function toDirectory(value: AcronisClient | AcronisDirectory): AcronisDirectory {
  return isAcronisDirectory(value) ? value : singleDatacenter(value);
}
