// The back office's Acronis datacenters (issue 14): queries, edits, the country map, infrastructures, tests.
// The directory that turns a datacenter into a client is lib/acronis/datacenters.ts.
export { type DatacenterTest, testDatacenter } from "./connection-test";
export {
  importInfrastructures,
  type ListedInfrastructure,
  type OwnerChange,
  setInfrastructureOwner,
} from "./infrastructures";
export {
  deleteDatacenter,
  makeDefaultDatacenter,
  removeCountryDatacenter,
  type SavedDatacenter,
  saveDatacenter,
  setCountryDatacenter,
} from "./manage";
export {
  type CountryMapRow,
  type DatacenterView,
  type InfrastructureView,
  listCountryMap,
  listDatacenters,
  listInfrastructureRows,
  resellersIn,
} from "./queries";
export * from "./schema";
