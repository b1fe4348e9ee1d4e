import type { Http, TokenSource } from "./http";
import { TokenSchema } from "./schemas";

export type TokenOptions = {
  clientId: string;
  clientSecret: string;
  now: () => number;
  /** Refresh this long before expiry (capped at half the token lifetime). */
  refreshSkewMs: number;
};

/** Client-credentials token (acronis-api.md §2.1), cached and refreshed early; concurrent callers share one request. */
export function createTokenProvider(http: Http, opts: TokenOptions): TokenSource & { issuedCount(): number } {
  let cached: { token: string; refreshAtMs: number } | null = null;
  let pending: Promise<string> | null = null;
  let issued = 0;

  async function issue(): Promise<string> {
    const issuedAt = opts.now();
    const basic = Buffer.from(`${opts.clientId}:${opts.clientSecret}`).toString("base64");
    const res = await http.json(
      {
        method: "POST",
        path: "/idp/token",
        auth: false,
        headers: { authorization: `Basic ${basic}` },
        form: { grant_type: "client_credentials" },
      },
      TokenSchema,
    );
    // expires_in is relative, so it is immune to clock skew between us and the datacenter.
    const lifetimeMs =
      res.expires_in !== undefined
        ? res.expires_in * 1000
        : res.expires_on !== undefined
          ? res.expires_on * 1000 - issuedAt
          : 30 * 60_000;
    const skew = Math.min(opts.refreshSkewMs, lifetimeMs / 2);
    cached = { token: res.access_token, refreshAtMs: issuedAt + lifetimeMs - skew };
    issued++;
    return res.access_token;
  }

  return {
    get(): Promise<string> {
      if (cached && opts.now() < cached.refreshAtMs) return Promise.resolve(cached.token);
      pending ??= issue().finally(() => {
        pending = null;
      });
      return pending;
    },
    invalidate(token: string): void {
      if (cached?.token === token) cached = null;
    },
    issuedCount: () => issued,
  };
}
