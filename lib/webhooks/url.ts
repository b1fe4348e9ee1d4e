import "server-only";
import dns from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { z } from "zod";
import { env, isDemoMode } from "@/lib/env";

/**
 * Where a webhook may point. By default a URL is https and its host must resolve to public addresses only,
 * checked when the endpoint is saved and again by the connection itself at every delivery
 * (`allowedAddressLookup`), so a name re-pointed at 127.0.0.1 or the internal network after registration (DNS
 * rebinding) is refused before a byte is sent. Demo mode (open sign-up, published logins) adds http and
 * loopback only: a receiver on the same machine (the e2e receiver, a developer's). Every other private,
 * link-local or metadata address takes the explicit WEBHOOK_ALLOW_PRIVATE_URLS.
 */
export type UrlPolicy = "public" | "loopback" | "any";

export function urlPolicy(): UrlPolicy {
  if (env().WEBHOOK_ALLOW_PRIVATE_URLS) return "any";
  return isDemoMode() ? "loopback" : "public";
}

/** Any address may be used (WEBHOOK_ALLOW_PRIVATE_URLS): nothing is checked. */
export function privateUrlsAllowed(): boolean {
  return urlPolicy() === "any";
}

/** http URLs are accepted (demo mode or WEBHOOK_ALLOW_PRIVATE_URLS); otherwise https only. */
export function httpUrlsAllowed(): boolean {
  return urlPolicy() !== "public";
}

const blockedV4 = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  blockedV4.addSubnet(net, prefix, "ipv4");

/** IPv6 rules on their own list: one BlockList would also match IPv4-mapped addresses against IPv4 rules. */
const blockedV6 = new BlockList();
for (const [net, prefix] of [
  ["::", 96], // unspecified, loopback, IPv4-compatible (::7f00:1 is 127.0.0.1)
  ["::ffff:0:0:0", 96], // IPv4-translated
  ["64:ff9b:1::", 48], // local-use NAT64 (reaches whatever the local translator reaches)
  ["100::", 64], // discard
  ["2001::", 32], // Teredo (tunnels to an IPv4 address)
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4 (2002:7f00:1:: tunnels to 127.0.0.1)
  ["3fff::", 20], // documentation
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated, still routed internally)
  ["ff00::", 8], // multicast
] as const)
  blockedV6.addSubnet(net, prefix, "ipv6");

/** The eight 16-bit groups of an IPv6 address (a zone id dropped, a dotted IPv4 tail read), or null. */
function ipv6Groups(address: string): number[] | null {
  let text = address.split("%")[0]!;
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string | undefined) =>
    part ? part.split(":").map((g) => Number.parseInt(g, 16)) : [];
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  const groups =
    halves.length === 2 ? [...head, ...Array(8 - head.length - tail.length).fill(0), ...tail] : head;
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

/**
 * The IPv4 address an IPv6 one stands for, where the IPv4 address decides where it goes: IPv4-mapped
 * (`::ffff:127.0.0.1`, `::ffff:7f00:1`) and the well-known NAT64 prefix (`64:ff9b::a00:1` is 10.0.0.1 through
 * the translator). Else null.
 */
function embeddedIpv4(groups: number[]): string | null {
  const zero = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  const mapped = zero(0, 5) && groups[5] === 0xffff;
  const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && zero(2, 6);
  if (!mapped && !nat64) return null;
  const [high, low] = [groups[6]!, groups[7]!];
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** True for loopback, private, link-local, reserved and other non-public addresses. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 4) return blockedV4.check(address, "ipv4");
  const groups = ipv6Groups(address);
  if (!groups) return true;
  const v4 = embeddedIpv4(groups);
  return v4 ? blockedV4.check(v4, "ipv4") : blockedV6.check(address.split("%")[0]!, "ipv6");
}

/** True for 127.0.0.0/8, ::1 and IPv4-mapped 127.x: this machine. */
export function isLoopbackAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return address.startsWith("127.");
  if (family !== 6) return false;
  const groups = ipv6Groups(address);
  if (!groups) return false;
  if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) return true;
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  return mapped && groups[6]! >> 8 === 127;
}

/** Whether a delivery may connect to this address under the policy. */
export function addressAllowed(address: string, policy: UrlPolicy = urlPolicy()): boolean {
  if (policy === "any" || !isPrivateAddress(address)) return true;
  return policy === "loopback" && isLoopbackAddress(address);
}

const isLocalhostName = (host: string) => host === "localhost" || host.endsWith(".localhost");

/** The host of a URL as an address or a name (IPv6 literals lose their brackets). */
const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

export const PRIVATE_URL_MESSAGE =
  "This address points at a private or local network. Use a public https URL.";

/**
 * The URL as typed: an absolute https URL (http too in demo mode or when private URLs are allowed), no user name or
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
    } else if (url.protocol === "http:" && !httpUrlsAllowed()) {
      ctx.addIssue({ code: "custom", message: "Use an https URL: events are sent only over TLS." });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "Leave the user name and password out of the URL." });
    }
  })
  .transform((value) => new URL(value).toString());

/**
 * Why a URL may not be used, or null. Resolves the host name (all its addresses) unless any address is
 * allowed; in demo mode a loopback address (or localhost) passes as well as a public one.
 */
export async function urlProblem(value: string): Promise<string | null> {
  const policy = urlPolicy();
  if (policy === "any") return null;
  const host = hostOf(new URL(value));
  if (isIP(host)) return addressAllowed(host, policy) ? null : PRIVATE_URL_MESSAGE;
  if (isLocalhostName(host) && policy === "public") return PRIVATE_URL_MESSAGE;
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
  } catch {
    return `The host name ${host} does not resolve. Check the URL.`;
  }
  return addresses.every((a) => addressAllowed(a.address, policy)) ? null : PRIVATE_URL_MESSAGE;
}

/** Refused connections name this, so the delivery log says why. */
export class PrivateAddressError extends Error {
  constructor(host: string) {
    super(`${host} resolves to a private or local address; delivery refused.`);
    this.name = "PrivateAddressError";
  }
}

/**
 * The DNS lookup of a delivery's own connection: every address the name resolves to must be allowed (public;
 * in demo mode loopback too), and the connection goes to one of them, so the check and the connection cannot
 * see different answers.
 */
export const allowedAddressLookup: LookupFunction = (hostname, options, callback) => {
  const policy = urlPolicy();
  dns.lookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
    if (error) return callback(error, "", undefined);
    const list = addresses as dns.LookupAddress[];
    if (list.length === 0 || !list.every((a) => addressAllowed(a.address, policy)))
      return callback(new PrivateAddressError(hostname), "", undefined);
    if (options.all) return (callback as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    const first = list[0]!;
    callback(null, first.address, first.family);
  });
};

/** An IP-literal URL never reaches a lookup; it is checked here before connecting. */
export function assertDeliverableHost(url: URL): void {
  const policy = urlPolicy();
  if (policy === "any") return;
  const host = hostOf(url);
  if (isIP(host) ? !addressAllowed(host, policy) : isLocalhostName(host) && policy === "public")
    throw new PrivateAddressError(host);
}
