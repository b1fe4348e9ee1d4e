import { type SQL, sql } from "drizzle-orm";

/**
 * domain.md §4: only production usage is billed. The one place the rule is written in TypeScript is this
 * call of the database function `customer_billed_in` (migration 0009), so the billing loader, the dashboards'
 * day-by-day rating and the customer lists' "Trial — not billed" badge cannot disagree.
 *
 * `customer` is the SQL alias of a `customers` row (e.g. `cu`); `periodEnd` the exclusive end of the month
 * rated (the 1st of the next month, `YYYY-MM-DD`). A customer switched to production during the month is
 * billed for the whole month, as Acronis bills it.
 */
export function customerBilledIn(customer: string, periodEnd: string | SQL): SQL {
  if (!/^[a-z_][a-z0-9_]*$/i.test(customer)) throw new Error(`Not an SQL alias: ${customer}`);
  const alias = sql.raw(customer);
  return sql`customer_billed_in(${alias}.pricing_mode, ${alias}.production_start_date, ${periodEnd}::date)`;
}
