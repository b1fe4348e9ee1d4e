import type { SimContext } from "./context";
import { requireUuid, type SimRequest, type SimResponse } from "./http-kit";

export type Handler = (ctx: SimContext, req: SimRequest) => SimResponse | Promise<SimResponse>;

export type Route = { method: string; segments: string[]; handler: Handler; auth: boolean; statics: number };

export function route(
  method: string,
  pattern: string,
  handler: Handler,
  opts: { auth?: boolean } = {},
): Route {
  const segments = pattern.split("/").filter(Boolean);
  return {
    method,
    segments,
    handler,
    auth: opts.auth ?? true,
    statics: segments.filter((s) => !s.startsWith(":")).length,
  };
}

export type RouteMatch = { route: Route; params: Record<string, string> } | "method-not-allowed" | null;

function matchSegments(route: Route, parts: string[]): Record<string, string> | null {
  if (route.segments.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const seg = route.segments[i]!;
    const part = parts[i]!;
    if (seg.startsWith(":")) params[seg.slice(1)] = decodeURIComponent(part);
    else if (seg !== part) return null;
  }
  return params;
}

/** The most specific route (most literal segments) wins, so `/tenants/usages` beats `/tenants/:tenant_id`. */
export function matchRoute(routes: Route[], method: string, path: string): RouteMatch {
  const parts = path.split("/").filter(Boolean);
  const candidates = routes
    .map((r) => ({ route: r, params: matchSegments(r, parts) }))
    .filter((c): c is { route: Route; params: Record<string, string> } => c.params !== null)
    .sort((a, b) => b.route.statics - a.route.statics);
  if (candidates.length === 0) return null;
  const found = candidates.find((c) => c.route.method === method);
  if (!found) return "method-not-allowed";
  for (const [name, value] of Object.entries(found.params)) {
    if (name.endsWith("_id")) requireUuid(value, name);
  }
  return found;
}
