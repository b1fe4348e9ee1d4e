import { randomBytes, randomUUID } from "node:crypto";

export const UUID_RE = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/;
export const ZERO_UUID = "00000000-0000-0000-0000-000000000000";
export const DAY_MS = 86_400_000;

export const newId = (): string => randomUUID();
export const newSecret = (): string => randomBytes(24).toString("hex");

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Tenant / offering-item / usage style: `YYYY-MM-DDTHH:MM:SS`, UTC, no suffix. */
export function fmtTs(value: string | Date): string {
  return new Date(value).toISOString().slice(0, 19);
}

/** User style: `YYYY-MM-DDTHH:MM:SS.ffffff+00:00`. */
export function fmtUserTs(value: string | Date): string {
  const d = new Date(value);
  return `${d.toISOString().slice(0, 19)}.${pad(d.getUTCMilliseconds(), 3)}000+00:00`;
}

/** API-client style: `YYYY-MM-DDTHH:MM:SSZ`. */
export function fmtClientTs(value: string | Date): string {
  return `${new Date(value).toISOString().slice(0, 19)}Z`;
}

export function dateOf(value: string | Date): string {
  return new Date(value).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOf(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
}

export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function* eachDay(from: string, to: string): Generator<string> {
  for (let d = from; d <= to; d = addDays(d, 1)) yield d;
}

export const isDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));

/** Deterministic number in [0, 1) from the given parts (cyrb53: fast, well mixed, not cryptographic). */
export function hashUnit(...parts: Array<string | number>): number {
  const text = parts.join("|");
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)) / 2 ** 53;
}

export function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}
