import "server-only";
import dns from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { z } from "zod";
import { env, isDemoMode } from "@/lib/env";

/**
 * Where a webhook may point. Outside demo mode (and unless WEBHOOK_ALLOW_PRIVATE_URLS is set) a URL is
 * https and its host must resolve to public addresses only, checked when the endpoint is saved and again by
 * the connection itself at every delivery (`publicOnlyLookup`), so a name re-pointed at 127.0.0.1 or the
 * internal network after registration (DNS rebinding) is refused before a byte is sent.
 */
export function privateUrlsAllowed(): boolean {
  return env().WEBHOOK_ALLOW_PRIVATE_URLS || isDemoMode();
}

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["64:ff9b::", 96], // NAT64
  ["100::", 64], // discard
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const)
  blocked.addSubnet(net, prefix, "ipv6");

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:127.0.0.1`, `::ffff:7f00:1`), else null. */
function mappedIpv4(address: string): string | null {
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(canonical);
  if (!mapped) return null;
  const [high, low] = [Number.parseInt(mapped[1]!, 16), Number.parseInt(mapped[2]!, 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** True for loopback, private, link-local, reserved and other non-public addresses. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 4) return blocked.check(address, "ipv4");
  const v4 = mappedIpv4(address);
  // Checked as the IPv4 address it reaches; BlockList would match any IPv4 against an IPv6 rule.
  return v4 ? blocked.check(v4, "ipv4") : blocked.check(address, "ipv6");
}

/** The host of a URL as an address or a name (IPv6 literals lose their brackets). */
const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

export const PRIVATE_URL_MESSAGE =
  "This address points at a private or local network. Use a public https URL.";

/**
 * The URL as typed: an absolute https URL (http too when private URLs are allowed), no user name or
 * password in it, at most 2000 characters. Whether its host is public is checked by `assertPublicUrl`.
 */
export const webhookUrlSchema = z
  .string({ error: "Enter the URL that receives the events." })
  .trim()
  .min(1, "Enter the URL that receives the events.")
  .max(2000, "Use a URL of at most 2000 characters.")
  .superRefine((value, ctx) => {
    if (!value) return; // said by min(1)
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a full URL, e.g. https://example.com/webhooks." });
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      ctx.addIssue({ code: "custom", message: "Use an https URL." });
    } else if (url.protocol === "http:" && !privateUrlsAllowed()) {
      ctx.addIssue({ code: "custom", message: "Use an https URL: events are sent only over TLS." });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "Leave the user name and password out of the URL." });
    }
  })
  .transform((value) => new URL(value).toString());

/** Why a URL may not be used, or null. Resolves the host name (all its addresses) unless private URLs are allowed. */
export async function urlProblem(value: string): Promise<string | null> {
  if (privateUrlsAllowed()) return null;
  const host = hostOf(new URL(value));
  if (isIP(host)) return isPrivateAddress(host) ? PRIVATE_URL_MESSAGE : null;
  if (host === "localhost" || host.endsWith(".localhost")) return PRIVATE_URL_MESSAGE;
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
  } catch {
    return `The host name ${host} does not resolve. Check the URL.`;
  }
  return addresses.some((a) => isPrivateAddress(a.address)) ? PRIVATE_URL_MESSAGE : null;
}

/** Refused connections name this, so the delivery log says why. */
export class PrivateAddressError extends Error {
  constructor(host: string) {
    super(`${host} resolves to a private or local address; delivery refused.`);
    this.name = "PrivateAddressError";
  }
}

/**
 * The DNS lookup of a delivery's own connection: every address the name resolves to must be public, and the
 * connection goes to one of them, so the check and the connection cannot see different answers.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
    if (error) return callback(error, "", undefined);
    const list = addresses as dns.LookupAddress[];
    if (list.length === 0 || list.some((a) => isPrivateAddress(a.address)))
      return callback(new PrivateAddressError(hostname), "", undefined);
    if (options.all) return (callback as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    const first = list[0]!;
    callback(null, first.address, first.family);
  });
};

/** An IP-literal URL never reaches a lookup; it is checked here before connecting. */
export function assertDeliverableHost(url: URL): void {
  if (privateUrlsAllowed()) return;
  const host = hostOf(url);
  if (isIP(host) ? isPrivateAddress(host) : host === "localhost" || host.endsWith(".localhost"))
    throw new PrivateAddressError(host);
}
