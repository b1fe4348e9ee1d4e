/**
 * The client's address as Tierline's web server sees it: the socket's peer, or — behind `trustedProxies`
 * reverse proxies that each append the address they received from to X-Forwarded-For — the entry the
 * outermost trusted proxy wrote. Entries a client wrote itself (everything left of that) are never used,
 * so rotating the first X-Forwarded-For entry changes nothing.
 *
 * Plain JavaScript: scripts/next-server.mjs (no TypeScript loader) calls it for every request.
 *
 * @param {string | undefined} remoteAddress the socket's peer address
 * @param {string | string[] | undefined} forwardedFor X-Forwarded-For as received
 * @param {number} trustedProxies how many proxies in front of the app append to X-Forwarded-For
 * @returns {string}
 */
export function clientAddress(remoteAddress, forwardedFor, trustedProxies) {
  const peer = normalize(remoteAddress ?? "") || "unknown";
  if (!trustedProxies || trustedProxies < 1) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const hops = header
    .split(",")
    .map((entry) => normalize(entry))
    .filter(Boolean);
  hops.push(peer);
  // hops: [client-written…, written by proxy 1 (outermost), …, written by proxy N, the socket's peer = proxy N]
  const index = hops.length - 1 - trustedProxies;
  return hops[Math.max(0, index)] ?? peer;
}

/** `::ffff:203.0.113.7` → `203.0.113.7`; trims spaces; drops anything that is not an address. */
function normalize(entry) {
  const value = entry.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return /^[0-9a-fA-F.:]{2,45}$/.test(value) ? value : "";
}

/** The request header that carries the address from the web server to the app; set on every request. */
export const CLIENT_ADDRESS_HEADER = "x-tierline-client-address";
