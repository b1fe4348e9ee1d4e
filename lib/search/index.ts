export { globalSearch } from "./global-search";
export * from "./types";
