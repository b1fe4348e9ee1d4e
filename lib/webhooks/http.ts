import "server-only";
import http from "node:http";
import https from "node:https";
import { allowedAddressLookup, assertDeliverableHost, privateUrlsAllowed } from "./url";

/** What a receiver answered, or why no answer came. */
export type PostResult = {
  status: number | null;
  /** The first RESPONSE_EXCERPT bytes of the answer, as text. */
  body: string | null;
  error: string | null;
  durationMs: number;
};

export const RESPONSE_EXCERPT = 2048;

/**
 * POSTs `body` and reads the first 2 KB of the answer, within `timeoutMs` for the whole exchange. Built on
 * node:http rather than fetch because the connection's own DNS lookup is where a private address is refused
 * (`allowedAddressLookup`): fetch cannot be given a lookup without a dispatcher from the undici package, and a
 * check before fetch would leave a rebinding window between two lookups. Redirects are never followed
 * (node:http does not): a 3xx is an answer like any other non-2xx.
 */
export async function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const url = new URL(target);
    assertDeliverableHost(url);
    const client = url.protocol === "https:" ? https : http;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = client.request(
        url,
        {
          method: "POST",
          headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
          lookup: privateUrlsAllowed() ? undefined : allowedAddressLookup,
          signal: AbortSignal.timeout(timeoutMs),
          agent: false,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const finish = () => {
            const text = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT).toString("utf8");
            resolve({ status: response.statusCode ?? 0, body: text });
          };
          response.on("data", (chunk: Buffer) => {
            if (size >= RESPONSE_EXCERPT) return;
            chunks.push(chunk);
            size += chunk.length;
            // Enough read: the rest is not kept, so the receiver cannot make us hold a large answer.
            if (size >= RESPONSE_EXCERPT) {
              finish();
              response.destroy();
            }
          });
          response.on("end", finish);
          response.on("error", reject);
        },
      );
      request.on("error", reject);
      request.end(body);
    });
    return { status: answer.status, body: cleanText(answer.body), error: null, durationMs: elapsed() };
  } catch (error) {
    return { status: null, body: null, error: describeFailure(error, timeoutMs), durationMs: elapsed() };
  }
}

/** PostgreSQL text refuses NUL; a receiver's answer may contain anything. */
const cleanText = (text: string) => text.replaceAll("\u0000", "");

function describeFailure(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; code?: string; message?: string; cause?: unknown };
  if (e?.name === "TimeoutError" || e?.name === "AbortError" || e?.code === "ABORT_ERR")
    return `No answer within ${Math.round(timeoutMs / 1000)} s.`;
  if (e?.name === "PrivateAddressError") return e.message ?? "Private address refused.";
  const known: Record<string, string> = {
    ECONNREFUSED: "Connection refused.",
    ECONNRESET: "The connection was reset.",
    ENOTFOUND: "The host name does not resolve.",
    EAI_AGAIN: "The host name could not be resolved (DNS lookup failed).",
    EHOSTUNREACH: "The host is unreachable.",
    ETIMEDOUT: "The connection timed out.",
    CERT_HAS_EXPIRED: "The server's TLS certificate has expired.",
    DEPTH_ZERO_SELF_SIGNED_CERT: "The server's TLS certificate is self-signed.",
    ERR_TLS_CERT_ALTNAME_INVALID: "The server's TLS certificate does not match its host name.",
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: "The server's TLS certificate could not be verified.",
  };
  if (e?.code && known[e.code]) return known[e.code]!;
  const message = e?.message ? cleanText(e.message).slice(0, 300) : "The request failed.";
  return e?.code ? `${message} (${e.code})` : message;
}
