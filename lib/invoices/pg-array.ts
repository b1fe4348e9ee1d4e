/**
 * A PostgreSQL array literal (`{a,"b c",NULL}`) from strings, so a whole column of a bulk insert travels as
 * one parameter and `unnest` turns the columns back into rows: one statement per batch, no parameter limit.
 */
export function toPgArray(values: readonly (string | number | boolean | null)[]): string {
  const items = values.map((value) => {
    if (value === null) return "NULL";
    if (typeof value !== "string") return String(value);
    return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(",")}}`;
}
