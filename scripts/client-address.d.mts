export function clientAddress(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxies: number,
): string;
export const CLIENT_ADDRESS_HEADER: string;
