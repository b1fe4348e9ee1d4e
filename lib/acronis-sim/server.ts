import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { log } from "../log";
import { consolePage } from "./console";
import type { FaultRule, ResolvedOptions, SimContext, SimulatorOptions } from "./context";
import { controlRoutes } from "./control";
import { errorEnvelope, SimHttpError, type SimRequest, type SimResponse } from "./http-kit";
import { matchRoute, type Route } from "./router";
import { applicationRoutes } from "./routes/applications";
import { authenticate, authRoutes } from "./routes/auth";
import { infraRoutes } from "./routes/infra";
import { offeringItemRoutes } from "./routes/offering-items";
import { reportRoutes } from "./routes/reports";
import { tenantRoutes } from "./routes/tenants";
import { usageRoutes } from "./routes/usages";
import { userRoutes } from "./routes/users";
import { createSeedState, loadState, saveState } from "./state";
import { dateOf, newId, newSecret, UUID_RE } from "./util";

export type Simulator = {
  /** Base URL without `/api/2`, e.g. `http://127.0.0.1:8090`. */
  url: string;
  port: number;
  clientId: string;
  clientSecret: string;
  rootTenantId: string;
  /** Calls the `/__sim/` control API and returns its JSON (or null for 204). */
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
};

const API_ROUTES: Route[] = [
  ...authRoutes,
  ...applicationRoutes,
  ...tenantRoutes,
  ...offeringItemRoutes,
  ...userRoutes,
  ...usageRoutes,
  ...infraRoutes,
  ...reportRoutes,
];

const MAX_LOG = 2000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function takeFault(ctx: SimContext, method: string, path: string): FaultRule | undefined {
  const rule = ctx.faults.find(
    (f) =>
      (f.method === null || f.method === method) &&
      (f.path === null || path.startsWith(f.path) || path.startsWith(`/api/2${f.path}`)),
  );
  if (!rule) return undefined;
  if (rule.remaining !== null && --rule.remaining <= 0) ctx.faults.splice(ctx.faults.indexOf(rule), 1);
  return rule;
}

async function dispatch(ctx: SimContext, req: SimRequest, faults = true): Promise<SimResponse> {
  const isApi = req.path.startsWith("/api/2/");
  if (isApi && faults) {
    const fault = takeFault(ctx, req.method, req.path);
    if (fault?.latencyMs) await sleep(fault.latencyMs);
    if (fault?.status && fault.loseAnswer) {
      try {
        await dispatch(ctx, req, false);
      } catch (error) {
        if (!(error instanceof SimHttpError)) throw error;
      }
      ctx.persist();
    }
    if (fault?.status) {
      return {
        status: fault.status,
        json: fault.body ?? errorEnvelope(fault.status, "Injected fault."),
        headers: fault.headers,
      };
    }
  }
  const routes = req.path.startsWith("/__sim/") ? controlRoutes : isApi ? API_ROUTES : [];
  const match = matchRoute(routes, req.method, req.path);
  if (match === null)
    return { status: 404, json: errorEnvelope(404, `Unknown endpoint ${req.method} ${req.path}.`) };
  if (match === "method-not-allowed") {
    return { status: 405, json: errorEnvelope(405, `Method ${req.method} is not allowed for ${req.path}.`) };
  }
  if (match.route.auth) authenticate(ctx, req);
  return match.route.handler(ctx, { ...req, params: match.params });
}

async function handle(ctx: SimContext, incoming: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const url = new URL(incoming.url ?? "/", "http://sim.local");
  const req: SimRequest = {
    method: (incoming.method ?? "GET").toUpperCase(),
    path: url.pathname.replace(/\/+$/, "") || "/",
    params: {},
    query: url.searchParams,
    headers: incoming.headers,
    body: Buffer.concat(chunks),
  };
  let response: SimResponse;
  try {
    response =
      req.method === "GET" && req.path === "/"
        ? {
            status: 200,
            raw: Buffer.from(consolePage(ctx)),
            headers: { "content-type": "text/html; charset=utf-8" },
          }
        : await dispatch(ctx, req);
  } catch (error) {
    if (error instanceof SimHttpError) {
      response = { status: error.status, json: error.body, headers: error.headers };
    } else {
      log.error({ err: error }, "[acronis-sim] handler failed");
      response = {
        status: 500,
        json: errorEnvelope(500, error instanceof Error ? error.message : String(error)),
      };
    }
  }
  if (req.method !== "GET" && response.status < 500) ctx.persist();
  if (req.path.startsWith("/api/2/")) {
    ctx.requestLog.push({
      at: ctx.now().toISOString(),
      method: req.method,
      path: req.path,
      query: url.search,
      status: response.status,
    });
    if (ctx.requestLog.length > MAX_LOG) ctx.requestLog.splice(0, ctx.requestLog.length - MAX_LOG);
  }
  if (ctx.opts.log) {
    log.info({ method: req.method, path: req.path, status: response.status }, "[acronis-sim] request");
  }
  if (res.destroyed) return;
  const headers: Record<string, string> = { ...response.headers };
  let payload: Buffer | undefined;
  if (response.raw) payload = response.raw;
  else if (response.json !== undefined && response.status !== 204) {
    payload = Buffer.from(JSON.stringify(response.json));
    headers["content-type"] ??= "application/json";
  }
  if (payload) headers["content-length"] = String(payload.length);
  res.writeHead(response.status, headers);
  res.end(payload);
}

function resolveOptions(options: SimulatorOptions): ResolvedOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    dataDir: options.dataDir ?? null,
    now: options.now ?? (() => new Date()),
    tokenTtlSeconds: options.tokenTtlSeconds ?? 7200,
    reportDelayMs: options.reportDelayMs ?? 150,
    customerPricingMode: options.customerPricingMode ?? "trial",
    tierLevelRange: options.tierLevelRange ?? [-1, 4],
    uniqueSiblingNames: options.uniqueSiblingNames ?? true,
    enforceUsageHistoryWindow: options.enforceUsageHistoryWindow ?? false,
    log: options.log ?? false,
  };
}

/** Starts a simulated Acronis datacenter (acronis-api.md §12). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const opts = resolveOptions(options);
  if (options.clientId !== undefined && !UUID_RE.test(options.clientId)) {
    throw new Error("clientId must be a lowercase UUID, as Acronis client ids are");
  }
  const state =
    (opts.dataDir ? loadState(opts.dataDir) : null) ??
    createSeedState({
      clientId: options.clientId ?? newId(),
      clientSecret: options.clientSecret ?? newSecret(),
      now: opts.now(),
    });
  if (options.clientId) state.client.id = options.clientId;
  if (options.clientSecret) state.client.secret = options.clientSecret;
  const ctx: SimContext = {
    state,
    opts,
    now: () => new Date(opts.now().getTime() + ctx.state.clockOffsetMs),
    today: () => dateOf(ctx.now()),
    persist: () => {
      if (opts.dataDir) saveState(opts.dataDir, ctx.state);
    },
    faults: [],
    requestLog: [],
    reportFiles: new Map(),
  };
  ctx.persist();
  const server = createServer((req, res) => {
    handle(ctx, req, res).catch((error) => {
      log.error({ err: error }, "[acronis-sim] request failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${opts.host}:${port}`;
  return {
    url,
    port,
    clientId: ctx.state.client.id,
    clientSecret: ctx.state.client.secret,
    rootTenantId: ctx.state.rootTenantId,
    async control<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${url}/__sim/${path.replace(/^\/+/, "")}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`sim control ${method} ${path} → ${res.status}: ${text}`);
      return (text ? JSON.parse(text) : null) as T;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
