/**
 * The largest request body Tierline accepts: Next's own limit for server actions (1 MB, the
 * `serverActions.bodySizeLimit` default). Next answers a fetch action over it with a 500, so proxy.ts turns
 * any request whose Content-Length says more into a 413 first. (A chunked upload without Content-Length
 * still meets Next's own limit; browsers send Content-Length for form and action bodies.)
 */
export const MAX_BODY_BYTES = 1024 * 1024;

const message = "The request is too large: send at most 1 MB.";

/** The declared body size is over the limit (an unparsable length counts as too large). */
export function isBodyTooLarge(contentLength: string | null): boolean {
  if (contentLength === null || contentLength.trim() === "") return false;
  if (!/^\d+$/.test(contentLength.trim())) return true;
  return Number(contentLength) > MAX_BODY_BYTES;
}

/** The 413 answer: JSON like every API error for /api, a short page otherwise. */
export function payloadTooLargeResponse(isApi: boolean, headers: Record<string, string>): Response {
  const common = { ...headers, "cache-control": "no-store" };
  if (isApi) {
    return Response.json({ error: { code: "payload_too_large", message } }, { status: 413, headers: common });
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Request too large</title></head><body><h1>Request too large</h1><p>${message} Go back and shorten what you entered.</p></body></html>`;
  return new Response(html, {
    status: 413,
    headers: { ...common, "content-type": "text/html; charset=utf-8" },
  });
}
