import "server-only";
import { randomUUID } from "node:crypto";
import { STOREFRONT_CACHE_STATE, storefrontGeneration } from "@/lib/catalogue/storefront-cache";
import { todayUtc } from "@/lib/clock";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import {
  publicPathOf,
  STOREFRONT_RENDER_HEADER,
  STOREFRONT_REQUEST_KEY_HEADER,
  type StorefrontCachedPage,
} from "./paths";

/**
 * The storefront from cache (issue 13, item 9): `/`, `/signup`, `/terms` and `/privacy` without a query are
 * answered from HTML kept in this process, at a fraction of a render's cost.
 *
 * Why not Next's own caches (ISR, `"use cache"`, a PPR shell): every page carries a CSP with a fresh nonce
 * per response (proxy.ts), and Next writes that nonce into the HTML it renders. A page Next keeps would give
 * every visitor the nonce of the request that rendered it, and the browser would refuse its scripts under
 * the next response's CSP (Next's CSP guide: nonces need dynamic rendering). So the storefront keeps the
 * rendered HTML itself and puts each response's own nonce into it:
 *
 * - A miss asks this server for the page over loopback (GET with STOREFRONT_RENDER_HEADER, which proxy.ts
 *   lets through to the ordinary dynamic page, with a fresh nonce as always), reads the nonce from that
 *   response's CSP, and keeps the HTML cut at every occurrence of it. The sign-up form's idempotency key is
 *   chosen by the render request (STOREFRONT_REQUEST_KEY_HEADER) and cut out the same way.
 * - Each response joins the pieces with the nonce of its own request (the `x-nonce` proxy.ts sets, equal
 *   to the nonce in the response's CSP) and a fresh random key: no two responses share a nonce or a key.
 *
 * Freshness:
 * - On this process, `storefrontChanged()` (lib/catalogue/storefront-cache.ts; called by the actions that
 *   change branding, policies, catalogue, prices, FX, taxes) bumps a generation: a kept page of an older one
 *   is never served; the next load waits for a new render.
 * - Several web processes may share one PostgreSQL and do not hear each other's `storefrontChanged()` (nor
 *   the worker's changes). Each kept page is served for STOREFRONT_TTL_MS (30 s); after that the next request
 *   still gets it while one render refreshes it in the background. So a change made through another process
 *   shows everywhere within about 30 s. Cost: one page render per page per process per 30 s of traffic.
 * - FX-converted prices use the rates dated ≤ today: a page rendered on another UTC day is never served; the
 *   first request after midnight UTC waits for a new render.
 */

export const STOREFRONT_TTL_MS = 30_000;

/** One kept page: the HTML between the placeholders; `slots[i]` goes between `parts[i]` and `parts[i + 1]`. */
type Entry = {
  parts: string[];
  slots: ("nonce" | "key")[];
  headers: [string, string][];
  day: string;
  generation: number;
  renderedAt: number;
};

type Failure = { failed: true; status: number; body: string; headers: [string, string][] };

type Render = { generation: number; day: string; promise: Promise<Entry | Failure> };

type State = {
  generation: number;
  entries: Map<StorefrontCachedPage, Entry>;
  renders: Map<StorefrontCachedPage, Render>;
};

function state(): State {
  // Shares the object storefrontChanged() bumps (it may have created it with the generation only).
  const g = globalThis as { [STOREFRONT_CACHE_STATE]?: Partial<State> & { generation: number } };
  g[STOREFRONT_CACHE_STATE] ??= { generation: 0 };
  const s = g[STOREFRONT_CACHE_STATE];
  s.entries ??= new Map();
  s.renders ??= new Map();
  return s as State;
}

export type StorefrontResponse = {
  status: number;
  body: string;
  headers: [string, string][];
  /** hit: kept page; stale: kept page while a refresh runs; miss: rendered for this request; bypass: not kept. */
  cache: "hit" | "stale" | "miss" | "bypass";
};

/**
 * The HTML of `page` for one response, with `nonce` (this response's CSP nonce) in place of the rendered one
 * and a fresh sign-up key. `origin` is this server's own address (for the loopback render).
 */
export async function storefrontResponse(
  page: StorefrontCachedPage,
  nonce: string,
  origin: string,
): Promise<StorefrontResponse> {
  const s = state();
  const generation = storefrontGeneration();
  const day = todayUtc();
  const kept = s.entries.get(page);
  let entry: Entry | Failure;
  let cache: StorefrontResponse["cache"];
  if (kept && kept.generation === generation && kept.day === day) {
    entry = kept;
    cache = "hit";
    if (Date.now() - kept.renderedAt >= STOREFRONT_TTL_MS) {
      cache = "stale";
      void render(page, origin, generation, day).catch((err: unknown) =>
        log.warn({ err, page }, "[storefront] background render failed; the kept page stays"),
      );
    }
  } else {
    entry = await render(page, origin, generation, day);
    cache = "miss";
  }
  if ("failed" in entry)
    return { status: entry.status, body: entry.body, headers: entry.headers, cache: "bypass" };
  return { status: 200, body: fill(entry, nonce, randomUUID()), headers: entry.headers, cache };
}

/**
 * A fresh kept page (this generation, this UTC day, within its time to live) filled with `nonce` and a new
 * sign-up key, or null: the fast path (fast-path.ts) answers only what needs no render and no refresh.
 */
export function keptResponse(
  page: string,
  nonce: string,
): { body: string; headers: [string, string][] } | null {
  const kept = state().entries.get(page as StorefrontCachedPage);
  if (!kept || kept.generation !== storefrontGeneration() || kept.day !== todayUtc()) return null;
  if (Date.now() - kept.renderedAt >= STOREFRONT_TTL_MS) return null;
  return { body: fill(kept, nonce, randomUUID()), headers: kept.headers };
}

function fill(entry: Entry, nonce: string, key: string): string {
  let out = entry.parts[0] ?? "";
  for (let i = 0; i < entry.slots.length; i++)
    out += (entry.slots[i] === "nonce" ? nonce : key) + entry.parts[i + 1];
  return out;
}

/** One render per page, generation and day at a time: concurrent misses wait for the same one. */
function render(
  page: StorefrontCachedPage,
  origin: string,
  generation: number,
  day: string,
): Promise<Entry | Failure> {
  const s = state();
  const running = s.renders.get(page);
  if (running && running.generation === generation && running.day === day) return running.promise;
  const promise = renderOnce(page, origin, generation, day).finally(() => {
    if (s.renders.get(page)?.promise === promise) s.renders.delete(page);
  });
  s.renders.set(page, { generation, day, promise });
  return promise;
}

/** Headers of the render that a kept page is served with; the rest are per response or hop-by-hop. */
const KEPT_HEADERS = ["content-type", "vary", "link", "content-language"];

async function renderOnce(
  page: StorefrontCachedPage,
  origin: string,
  generation: number,
  day: string,
): Promise<Entry | Failure> {
  const key = randomUUID();
  const renderedAt = Date.now();
  let res: Response;
  let body: string;
  try {
    res = await fetch(new URL(publicPathOf(page), origin), {
      headers: {
        accept: "text/html",
        "accept-encoding": "identity",
        [STOREFRONT_RENDER_HEADER]: "1",
        [STOREFRONT_REQUEST_KEY_HEADER]: key,
      },
      redirect: "manual",
      cache: "no-store",
    });
    body = await res.text();
  } catch (err) {
    log.error({ err, page, origin }, "[storefront] the loopback render failed");
    return {
      failed: true,
      status: 503,
      body: "The page could not be loaded. Try again in a moment.",
      headers: [["content-type", "text/plain; charset=utf-8"]],
    };
  }
  const headers = KEPT_HEADERS.flatMap((name): [string, string][] => {
    const value = res.headers.get(name);
    return value === null ? [] : [[name, value]];
  });
  const nonce = /'nonce-([A-Za-z0-9+/_-]+={0,2})'/.exec(
    res.headers.get("content-security-policy") ?? "",
  )?.[1];
  const isHtml = (res.headers.get("content-type") ?? "").startsWith("text/html");
  if (res.status !== 200 || !isHtml || !nonce) {
    // Served as rendered (an error page, say), never kept: the next request tries again.
    log.warn({ page, status: res.status, nonce: Boolean(nonce) }, "[storefront] render not kept");
    return { failed: true, status: res.status, body, headers };
  }
  const entry: Entry = { ...cut(body, nonce, key), headers, day, generation, renderedAt };
  // A change that committed while this rendered makes it too old to keep (it is still this request's answer).
  if (storefrontGeneration() === generation) state().entries.set(page, entry);
  return entry;
}

/** The HTML cut at every occurrence of the render's nonce and sign-up key. */
export function cut(body: string, nonce: string, key: string): Pick<Entry, "parts" | "slots"> {
  const parts: string[] = [];
  const slots: Entry["slots"] = [];
  const placeholders = new RegExp(`${escapeRegExp(nonce)}|${escapeRegExp(key)}`, "g");
  let from = 0;
  for (const match of body.matchAll(placeholders)) {
    parts.push(body.slice(from, match.index));
    slots.push(match[0] === nonce ? "nonce" : "key");
    from = match.index + match[0].length;
  }
  parts.push(body.slice(from));
  return { parts, slots };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * This server's own address for the loopback render: scripts/next-server.mjs listens on PORT (HOSTNAME);
 * without PORT, the address this request came to.
 */
export function loopbackOrigin(requestUrl: string): string {
  const { PORT: port, HOSTNAME: host } = env();
  if (!port) return new URL(requestUrl).origin;
  const name =
    !host || host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** For tests: forget every kept page. */
export function forgetStorefrontPages(): void {
  const s = state();
  s.entries.clear();
  s.renders.clear();
}
