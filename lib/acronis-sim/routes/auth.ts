import { randomBytes } from "node:crypto";
import type { SimContext } from "../context";
import { apiError, ok, requireContentType, SimHttpError, type SimRequest } from "../http-kit";
import { route } from "../router";
import { fmtClientTs, newId } from "../util";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

function jwtLike(payload: Record<string, unknown>): string {
  return `${b64({ alg: "RS256", kid: "sim-key-1", typ: "JWT" })}.${b64(payload)}.${randomBytes(32).toString("base64url")}`;
}

function tokenError(status: number, error: string, description: string): SimHttpError {
  return new SimHttpError(status, { error, error_description: description });
}

function credentials(req: SimRequest, form: URLSearchParams): { id: string; secret: string } | null {
  const header = String(req.headers.authorization ?? "");
  if (header.toLowerCase().startsWith("basic ")) {
    const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return null;
    return {
      id: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  }
  const id = form.get("client_id");
  const secret = form.get("client_secret");
  return id && secret ? { id, secret } : null;
}

function issueToken(ctx: SimContext, req: SimRequest) {
  requireContentType(req, "application/x-www-form-urlencoded");
  const form = new URLSearchParams(req.body.toString("utf8"));
  const creds = credentials(req, form);
  const { client } = ctx.state;
  if (!creds || creds.id !== client.id || creds.secret !== client.secret) {
    throw tokenError(401, "invalid_client", "Invalid client credentials.");
  }
  if (form.get("grant_type") !== "client_credentials") {
    throw tokenError(400, "invalid_request", "Unsupported grant_type; only client_credentials is supported.");
  }
  const nowMs = ctx.now().getTime();
  for (const [token, t] of Object.entries(ctx.state.tokens))
    if (t.expiresAtMs <= nowMs) delete ctx.state.tokens[token];
  const ttl = ctx.opts.tokenTtlSeconds;
  const expiresOn = Math.floor(nowMs / 1000) + ttl;
  const accessToken = jwtLike({ sub: client.id, jti: newId(), exp: expiresOn });
  ctx.state.tokens[accessToken] = { expiresAtMs: nowMs + ttl * 1000 };
  ctx.state.tokensIssued++;
  client.lastAccessAt = new Date(nowMs).toISOString();
  return ok({
    access_token: accessToken,
    token_type: "bearer",
    expires_in: ttl,
    expires_on: expiresOn,
    id_token: jwtLike({ client_id: client.id, exp: expiresOn }),
  });
}

/** Throws 401 unless the request carries a live bearer token. */
export function authenticate(ctx: SimContext, req: SimRequest): void {
  const header = String(req.headers.authorization ?? "");
  const token = header.toLowerCase().startsWith("bearer ")
    ? header.slice(7).trim()
    : req.query.get("access_token");
  const record = token ? ctx.state.tokens[token] : undefined;
  if (!record) throw apiError(401, "Access token is missing or invalid.");
  if (record.expiresAtMs <= ctx.now().getTime()) throw apiError(401, "Access token has expired.");
}

function getClient(ctx: SimContext, req: SimRequest) {
  const { client } = ctx.state;
  if (req.params.client_id !== client.id) throw apiError(404, `Client '${req.params.client_id}' not found.`);
  return ok({
    client_id: client.id,
    tenant_id: ctx.state.rootTenantId,
    client_secret_expires_at: 0,
    type: "api_client",
    data: { client_name: "Tierline integration (simulated)" },
    token_endpoint_auth_method: "client_secret_basic",
    created_at: fmtClientTs(client.createdAt),
    created_by: ctx.state.rootTenantId,
    last_access_at: client.lastAccessAt ? fmtClientTs(client.lastAccessAt) : null,
    last_access_from_ip: "127.0.0.1",
    status: "enabled",
    redirect_uris: [],
  });
}

export const authRoutes = [
  route("POST", "/api/2/idp/token", issueToken, { auth: false }),
  route("GET", "/api/2/clients/:client_id", getClient),
];
