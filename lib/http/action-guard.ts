/**
 * Server-action payloads Next.js would answer with a 500, refused with a 400 before they reach it.
 *
 * What Next 16 does itself (server/app-render/action-handler.js): a `Next-Action` id of the wrong shape
 * gets 400 and a well-formed unknown id 409 ("Server Action unavailable", the client reloads on it — kept:
 * that is deployment skew, not an attack). But once the id is known — ids are in the page's JavaScript —
 * the body goes to React's `decodeReply`, and a body it cannot decode (not JSON, a multipart body without
 * its root field "0" or with a broken boundary) throws inside the handler, which answers 500. A form
 * posted without JavaScript (multipart, no header) is parsed the same way, and a malformed one is a 500
 * too. This check reads a copy of the body (the proxy gets a clone; the 1 MB limit runs before it) and
 * applies the same first decoding steps. Call it from proxy.ts for every request:
 *
 *   const refused = await refuseMalformedAction(request);
 *   if (refused) return withHeaders(refused);
 *
 * Payloads that decode but carry the wrong values (a string instead of the form) are the action's
 * business: lib/actions/safe-action.ts answers them with a form error.
 */

/** Next 16 action ids: 42 hex characters (shared/lib/server-reference-info.js). */
const ACTION_ID = /^[0-9a-f]{42}$/i;
/** The JSON root of a form posted without JavaScript: `$ACTION_<n>:0` (React's decodeAction). */
const MPA_ROOT = /^\$ACTION_\d+:0$/;

export const INVALID_ACTION_MESSAGE = "Invalid Server Action request.";

/** A 400 for a malformed server-action request, or null to let the request through. */
export async function refuseMalformedAction(request: Request): Promise<Response | null> {
  if (request.method !== "POST") return null;
  // Route handlers never run server actions; their bodies are their own to validate.
  const { pathname } = new URL(request.url);
  if (pathname === "/api" || pathname.startsWith("/api/")) return null;

  const actionId = request.headers.get("next-action");
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const isMultipart = type.startsWith("multipart/form-data");

  if (actionId === null) {
    if (!isMultipart) return null;
    const form = await readForm(request);
    if (!form) return invalid();
    for (const [key, value] of form.entries()) {
      if (MPA_ROOT.test(key) && !(typeof value === "string" && isJson(value))) return invalid();
    }
    return null;
  }

  if (!ACTION_ID.test(actionId)) return invalid();
  // Next answers URL-encoded action posts with a 404 itself.
  if (type === "application/x-www-form-urlencoded") return null;
  if (isMultipart) {
    const root = (await readForm(request))?.get("0");
    return typeof root === "string" && isJson(root) ? null : invalid();
  }
  const text = await request
    .clone()
    .text()
    .catch(() => null);
  return text !== null && isJson(text) ? null : invalid();
}

async function readForm(request: Request): Promise<FormData | null> {
  try {
    return await request.clone().formData();
  } catch {
    return null;
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function invalid(): Response {
  return new Response(INVALID_ACTION_MESSAGE, {
    status: 400,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
