import { z } from "zod";

/**
 * Opaque keyset cursors: the sort's name, the row's sort value as the database writes it as text (a
 * timestamp keeps its microseconds, which a JavaScript Date would cut) and its id, as base64url JSON.
 */
export type ListCursor = { sort: string; value: string; id: string };

export function encodeListCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id])).toString("base64url");
}

const shape = z.tuple([z.string().max(40), z.string().max(200), z.string().max(60)]);

/** The cursor, or null when it is not one this helper gave out (the list then starts at its first page). */
export function decodeListCursor(value: string | null): ListCursor | null {
  if (!value) return null;
  try {
    const [sort, v, id] = shape.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return { sort, value: v, id };
  } catch {
    return null;
  }
}

export type KeyType = "text" | "bpchar" | "timestamptz" | "date" | "numeric" | "int8";

const formats: Record<KeyType, RegExp | null> = {
  text: null,
  bpchar: null,
  timestamptz: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?)?$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  numeric: /^-?\d{1,20}(\.\d{1,10})?$/,
  int8: /^-?\d{1,19}$/,
};

/** The type of a list's unique tie-breaker: a uuid primary key, or a bigserial one (the audit log's). */
export type IdType = "uuid" | "int8";

const idFormats: Record<IdType, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  int8: /^-?\d{1,19}$/,
};

/** Whether a decoded cursor fits the sort it claims (a hand-edited one must not reach a cast and fail as a 500). */
export function cursorFits(
  cursor: ListCursor,
  sort: string,
  type: KeyType,
  idType: IdType = "uuid",
): boolean {
  const format = formats[type];
  return (
    cursor.sort === sort &&
    idFormats[idType].test(cursor.id) &&
    (format === null || format.test(cursor.value))
  );
}
