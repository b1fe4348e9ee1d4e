import { CLIENT_ADDRESS_HEADER } from "@/scripts/client-address.mjs";

export { CLIENT_ADDRESS_HEADER };

/** Every visitor's shared bucket when the app runs without Tierline's web server (no address header). */
export const UNKNOWN_CLIENT = "unknown";

/**
 * The client's address, as scripts/next-server.mjs determined it from the socket and TRUSTED_PROXIES. Never
 * read from X-Forwarded-For here: a client writes whatever it likes there.
 */
export function clientAddressOf(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER)?.trim() || UNKNOWN_CLIENT;
}
