import "server-only";
import { asc, count, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { acronisDatacenters, acronisInfrastructures, datacenterCountries, resellers } from "@/db/schema";
import { countryName } from "@/lib/signup/countries";
import type { StorageOwner } from "./schema";

/** A datacenter as the back office shows it: never its secret, only whether one is stored. */
export type DatacenterView = {
  id: string;
  name: string;
  baseUrl: string | null;
  clientId: string | null;
  hasSecret: boolean;
  fromEnv: boolean;
  isDefault: boolean;
  rootTenantId: string | null;
  lastTestedAt: Date | null;
  lastTestOk: boolean | null;
  lastTestMessage: string | null;
  resellers: number;
  countries: string[];
};

export async function listDatacenters(db: DbOrTx): Promise<DatacenterView[]> {
  const rows = await db
    .select({
      id: acronisDatacenters.id,
      name: acronisDatacenters.name,
      baseUrl: acronisDatacenters.baseUrl,
      clientId: acronisDatacenters.clientId,
      hasSecret: sql<boolean>`${acronisDatacenters.clientSecretEnc} is not null`,
      fromEnv: acronisDatacenters.fromEnv,
      isDefault: acronisDatacenters.isDefault,
      rootTenantId: acronisDatacenters.rootTenantId,
      lastTestedAt: acronisDatacenters.lastTestedAt,
      lastTestOk: acronisDatacenters.lastTestOk,
      lastTestMessage: acronisDatacenters.lastTestMessage,
      // Qualified by hand: drizzle prints a column inside sql`` bare, which the subquery would read as its own.
      resellers: sql<number>`(select count(*) from resellers r where r.datacenter_id = acronis_datacenters.id)::int`,
      countries: sql<
        string[]
      >`coalesce((select array_agg(c.country order by c.country) from datacenter_countries c where c.datacenter_id = acronis_datacenters.id), '{}')`,
    })
    .from(acronisDatacenters)
    .orderBy(sql`${acronisDatacenters.isDefault} desc`, asc(acronisDatacenters.name));
  return rows.map((r) => ({ ...r, countries: r.countries.map((c) => c.trim()) }));
}

export type CountryMapRow = {
  country: string;
  countryName: string;
  datacenterId: string;
  datacenterName: string;
};

export async function listCountryMap(db: DbOrTx): Promise<CountryMapRow[]> {
  const rows = await db
    .select({
      country: datacenterCountries.country,
      datacenterId: datacenterCountries.datacenterId,
      datacenterName: acronisDatacenters.name,
    })
    .from(datacenterCountries)
    .innerJoin(acronisDatacenters, eq(acronisDatacenters.id, datacenterCountries.datacenterId));
  return rows
    .map((r) => ({ ...r, country: r.country.trim(), countryName: countryName(r.country.trim()) }))
    .sort((a, b) => a.countryName.localeCompare(b.countryName, "en"));
}

export type InfrastructureView = {
  datacenterId: string;
  infraId: string;
  name: string;
  owner: StorageOwner;
  ownerSetByStaff: boolean;
  seenAt: Date;
};

/** Every datacenter's storage infrastructures, as the last connection test imported them. */
export async function listInfrastructureRows(db: DbOrTx): Promise<InfrastructureView[]> {
  return db
    .select({
      datacenterId: acronisInfrastructures.datacenterId,
      infraId: acronisInfrastructures.infraId,
      name: acronisInfrastructures.name,
      owner: acronisInfrastructures.owner,
      ownerSetByStaff: acronisInfrastructures.ownerSetByStaff,
      seenAt: acronisInfrastructures.seenAt,
    })
    .from(acronisInfrastructures)
    .orderBy(asc(acronisInfrastructures.name));
}

/** How many resellers live in a datacenter. */
export async function resellersIn(db: DbOrTx, datacenterId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(resellers)
    .where(eq(resellers.datacenterId, datacenterId));
  return row?.n ?? 0;
}
