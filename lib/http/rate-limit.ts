/**
 * A fixed-window request limiter per key (a client address), in this process's memory: enough for one app
 * instance in front of a public, database-backed endpoint. Several instances would each allow `limit`.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly options: {
      limit: number;
      windowMs: number;
      /** A different limit for some keys (a shared bucket, say). */
      limitFor?: (key: string) => number | undefined;
      now?: () => number;
    },
  ) {}

  /** Counts one request for `key`: allowed, or refused with the seconds until its window ends. */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.options.now?.() ?? Date.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.options.windowMs) {
      if (this.windows.size >= 10_000) this.forgetEnded(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= (this.options.limitFor?.(key) ?? this.options.limit)) {
      return { ok: false, retryAfterSeconds: Math.ceil((window.start + this.options.windowMs - now) / 1000) };
    }
    window.count += 1;
    return { ok: true };
  }

  private forgetEnded(now: number) {
    for (const [key, window] of this.windows) {
      if (now - window.start >= this.options.windowMs) this.windows.delete(key);
    }
  }
}

export const UNKNOWN_CLIENT = "unknown";

/**
 * The client's address as a proxy reports it. Without a proxy header (the app answering directly) every
 * visitor shares the UNKNOWN_CLIENT bucket.
 */
export function clientKey(request: Request): string {
  return (
    request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ||
    request.headers.get("x-real-ip")?.trim() ||
    UNKNOWN_CLIENT
  );
}

/**
 * The storefront estimator: 120 estimates a minute per address (a person typing makes a few), and 1 200
 * for the bucket every visitor shares when no proxy names addresses — a flood cap, not a per-person one.
 */
export const estimateLimiter = new RateLimiter({
  limit: 120,
  windowMs: 60_000,
  limitFor: (key) => (key === UNKNOWN_CLIENT ? 1_200 : undefined),
});
