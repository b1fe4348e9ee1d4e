/**
 * A PostgreSQL array literal (`{a,"b c",NULL}`) from strings, so a whole column of a bulk insert travels as
 * one parameter and `unnest` turns the columns back into rows: one statement per batch, no parameter limit.
 * `plain` skips quoting for values that never need it (numbers, decimal strings, UUIDs): it is the hot path.
 */
export function toPgArray(values: readonly (string | number | boolean | null)[], plain = false): string {
  const items = values.map((value) => {
    if (value === null) return "NULL";
    if (plain || typeof value !== "string") return String(value);
    return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(",")}}`;
}

/** Distinct values numbered from 1, so a column of repeated strings travels as small integers. */
export class Dictionary {
  private readonly index = new Map<string, number>();
  readonly values: string[] = [];

  ref(value: string | null): number | null {
    if (value === null) return null;
    let n = this.index.get(value);
    if (n === undefined) {
      this.values.push(value);
      n = this.values.length;
      this.index.set(value, n);
    }
    return n;
  }
}
