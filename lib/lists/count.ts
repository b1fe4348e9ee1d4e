/** A list's row count: exact up to the cap, else the cap and `exact: false` (shown as "10,000+"). */
export type ListCount = { value: number; exact: boolean };

/** "1,234 resellers", "1 reseller", "10,000+ resellers". */
export function countText(count: ListCount, noun: { one: string; other: string }): string {
  const n = new Intl.NumberFormat("en-US").format(count.value);
  return `${n}${count.exact ? "" : "+"} ${count.value === 1 && count.exact ? noun.one : noun.other}`;
}
