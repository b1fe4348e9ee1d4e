import { z } from "zod";

/**
 * User text that we store and show again: names, addresses, reasons, terms. Refused everywhere:
 * - C0 controls (NUL included: PostgreSQL refuses it with "invalid byte sequence", a 500), DEL and C1
 *   controls — invisible, terminal escapes, and CSV/log injection material;
 * - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder what follows,
 *   so "Invoice ‮fdp.exe" reads as "Invoice exe.pdf" (Trojan Source, CVE-2021-42574);
 * - lone surrogates: not text at all, and they become U+FFFD or an error on their way out.
 * Allowed: U+200E/U+200F/U+061C (LRM, RLM, ALM). They are weak marks that only settle the direction of
 * neutral characters next to them, cannot reverse a run of text, and are typed or pasted legitimately in
 * Hebrew and Arabic names mixed with Latin; Unicode's Trojan Source guidance lists them as safe. ZWJ and
 * ZWNJ are allowed too: emoji sequences and Persian or Indic spelling need them.
 * Single-line text also refuses line breaks (LF, CR, U+2028, U+2029); multi-line text keeps them as LF.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const SINGLE_LINE_REFUSED = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\p{Cs}/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the same set, with LF allowed.
const MULTI_LINE_REFUSED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\p{Cs}/u;
const LINE_BREAKS = /\r\n?|\u2028|\u2029/g;

export const SINGLE_LINE_MESSAGE =
  "Use letters, digits and punctuation only — no line breaks or control characters.";
export const MULTI_LINE_MESSAGE = "Use letters, digits and punctuation only — no control characters.";

/** The first refused character as "U+XXXX", or null when the text is acceptable. */
export function textProblem(value: string, options: { lines?: boolean } = {}): string | null {
  const found = (options.lines ? MULTI_LINE_REFUSED : SINGLE_LINE_REFUSED).exec(value);
  if (!found) return null;
  return `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

export type TextOptions = {
  /** Longest accepted value, after trimming. */
  max: number;
  maxMessage?: string;
  /** Shortest accepted value, after trimming (default 0; 1 when `requiredMessage` is given). */
  min?: number;
  minMessage?: string;
  /** Shown when the field is missing or not a string (and, without `minMessage`, when it is empty). */
  requiredMessage?: string;
};

/** A trimmed single line of user text: no control characters, bidi overrides, lone surrogates or breaks. */
export function singleLine(options: TextOptions): z.ZodString {
  return bounded(z.string(options.requiredMessage ? { error: options.requiredMessage } : undefined).trim(), {
    ...options,
    lines: false,
  });
}

/** Trimmed text with line breaks (addresses, terms): CRLF, CR, U+2028 and U+2029 become LF. */
export function multiLine(options: TextOptions): z.ZodString {
  const base = z
    .string(options.requiredMessage ? { error: options.requiredMessage } : undefined)
    .overwrite((v) => v.replace(LINE_BREAKS, "\n"))
    .trim();
  return bounded(base, { ...options, lines: true });
}

function bounded(base: z.ZodString, options: TextOptions & { lines: boolean }): z.ZodString {
  const { max, lines, requiredMessage } = options;
  const min = options.min ?? (requiredMessage ? 1 : 0);
  // Aborting here keeps the one message that explains the problem, not a length complaint beside it.
  let schema = base.refine((v) => textProblem(v, { lines }) === null, {
    message: lines ? MULTI_LINE_MESSAGE : SINGLE_LINE_MESSAGE,
    abort: true,
  });
  if (min > 0) {
    const message = options.minMessage ?? requiredMessage ?? `Use at least ${min} characters.`;
    schema = schema.min(min, message);
  }
  return schema.max(max, options.maxMessage ?? `Use at most ${max} characters.`);
}
