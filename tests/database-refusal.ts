/** What PostgreSQL said when it refused a statement: its SQLSTATE, the constraint named, the message. */
export type DatabaseRefusal = { code: string; constraint: string | undefined; message: string };

/**
 * The refusal of a statement that must fail, whether drizzle wrapped the driver's error (its message is then
 * "Failed query: …", the PostgreSQL error its `cause`) or postgres.js threw it directly. A test names what it
 * expects (`toMatchObject({ code: "23505", constraint: "…" })`), so an unrelated failure (a typo in the SQL,
 * a lost connection) cannot pass for the refusal. Throws when the statement succeeds.
 */
export async function databaseRefusal(statement: PromiseLike<unknown>): Promise<DatabaseRefusal> {
  try {
    await statement;
  } catch (error) {
    const pg = ((error as { cause?: unknown }).cause ?? error) as {
      code?: string;
      constraint_name?: string;
      message?: string;
    };
    return { code: pg.code ?? "(no SQLSTATE)", constraint: pg.constraint_name, message: pg.message ?? "" };
  }
  throw new Error("the database accepted a statement it should refuse");
}
