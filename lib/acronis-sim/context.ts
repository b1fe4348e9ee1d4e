import type { PricingMode, SimState } from "./state";

export type SimulatorOptions = {
  /** 0 = random free port. Default 0. */
  port?: number;
  host?: string;
  /** null = in-memory; otherwise state is kept in `<dataDir>/state.json`. Default null. */
  dataDir?: string | null;
  /** Must be a lowercase UUID (Acronis client ids are). Generated on first start when omitted. */
  clientId?: string;
  clientSecret?: string;
  /** Base clock; `/__sim/clock` moves the simulator's time relative to it. */
  now?: () => Date;
  /** Bearer token lifetime; Acronis uses 7200 s. */
  tokenTtlSeconds?: number;
  /** Time a stored report stays `in_progress` (real milliseconds). */
  reportDelayMs?: number;
  /** Pricing mode of customer tenants created through `POST /api/2/tenants`. */
  customerPricingMode?: PricingMode;
  /** Accepted `tier_level_value` range (docs: -1..4; a tutorial uses 7). */
  tierLevelRange?: [number, number];
  /** Reject a sibling with the same name (409). */
  uniqueSiblingNames?: boolean;
  /** Reject reports touching yesterday between 01:00 and 06:00 UTC ("usage history is not ready"). */
  enforceUsageHistoryWindow?: boolean;
  /** Print one line per request. */
  log?: boolean;
};

export type ResolvedOptions = Required<Omit<SimulatorOptions, "clientId" | "clientSecret" | "dataDir">> & {
  dataDir: string | null;
};

export type FaultRule = {
  id: number;
  method: string | null;
  path: string | null;
  remaining: number | null;
  status: number | null;
  body: unknown;
  headers: Record<string, string>;
  latencyMs: number;
  /** The request is carried out and its answer replaced by `status` (the client never learns it landed). */
  loseAnswer: boolean;
};

export type RequestLogEntry = { at: string; method: string; path: string; query: string; status: number };

export type SimContext = {
  state: SimState;
  opts: ResolvedOptions;
  now(): Date;
  today(): string;
  persist(): void;
  faults: FaultRule[];
  requestLog: RequestLogEntry[];
  /** Generated stored-report files (not persisted: they are rebuilt from the state on demand). */
  reportFiles: Map<string, Buffer>;
};
