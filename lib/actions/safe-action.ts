import "server-only";
import type { z } from "zod";
import { type PublicContext, publicContext, type UserContext, userContextOf } from "@/lib/actions/context";
import { requireUser } from "@/lib/auth/guard";
import type { Permission } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { fieldErrorsOf } from "@/lib/validation/field-errors";

export type ActionState<T = unknown> = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  data?: T;
  /** Submitted values, echoed back so a form keeps what the user typed after an error. */
  values?: Record<string, string>;
};

export const UNREADABLE_FORM_MESSAGE = "This form could not be read. Reload the page and try again.";

/**
 * The form's fields as strings, or null when the payload is not a form our pages send: anything but a
 * FormData (a crafted call to the action's id can pass any serialisable value), a file, or a field sent
 * twice (Object.fromEntries would keep the last while the echo showed another).
 */
function readForm(form: unknown): Record<string, string> | null {
  if (!(form instanceof FormData)) return null;
  // No prototype: a field named "__proto__" stays a plain field.
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of form.entries()) {
    if (typeof v !== "string" || Object.hasOwn(out, k)) return null;
    out[k] = v;
  }
  return out;
}

/**
 * The typed values echoed back: never passwords or secrets (a datacenter's client secret), nor React's own `$ACTION_…` fields (a form that re-sends the
 * echo as hidden inputs, like a confirm step, would otherwise send them twice and be unreadable).
 */
function formValues(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).filter(([k]) => !/password|secret|confirm/i.test(k) && !k.startsWith("$ACTION")),
  );
}

const unreadable: ActionState<never> = { ok: false, message: UNREADABLE_FORM_MESSAGE };

function fail(error: unknown, values: Record<string, string>): ActionState<never> {
  if (isAppError(error)) return { ok: false, message: error.message, fieldErrors: error.fieldErrors, values };
  // Unknown errors never leak internals to the browser.
  log.error({ err: error }, "[action] unexpected error");
  return {
    ok: false,
    message: "Something went wrong on our side. Nothing was changed; please try again.",
    values,
  };
}

type ActionOptions<T> = {
  /** The success message; a function of the result when it depends on it. */
  message?: string | ((data: T) => string);
};

function succeed<T>(data: T, options: ActionOptions<T>): ActionState<T> {
  const message = typeof options.message === "function" ? options.message(data) : options.message;
  return { ok: true, data, message };
}

function invalid(error: z.ZodError, values: Record<string, string>): ActionState<never> {
  return { ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(error), values };
}

/** The signature React's useActionState calls; export the wrapped action itself from a "use server" file. */
export type FormAction<T> = (prev: unknown, form: FormData) => Promise<ActionState<T>>;

/**
 * A public action (sign-in, reset, sign-up): validate FormData with zod, run with `(input, ctx)`, map
 * errors to form state. Redirects (and notFound/forbidden) thrown by `fn` pass through.
 */
export function publicAction<S extends z.ZodType, T>(
  schema: S,
  fn: (input: z.infer<S>, ctx: PublicContext) => Promise<T>,
  options: ActionOptions<T> = {},
): FormAction<T> {
  return async (_prev, form) => {
    const fields = readForm(form);
    if (!fields) return unreadable;
    const values = formValues(fields);
    const parsed = schema.safeParse(fields);
    if (!parsed.success) return invalid(parsed.error, values);
    try {
      return succeed(await fn(parsed.data, publicContext()), options);
    } catch (error) {
      if (isRedirect(error)) throw error;
      return fail(error, values);
    }
  };
}

/**
 * An authenticated action: the role is checked on the server before the input is even parsed; `fn` gets
 * `(input, ctx)` with the user, the reseller scope, the database, today and the settings.
 */
export function userAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  fn: (input: z.infer<S>, ctx: UserContext) => Promise<T>,
  options: ActionOptions<T> = {},
): FormAction<T> {
  return async (_prev, form) => {
    const fields = readForm(form);
    const values = fields ? formValues(fields) : {};
    try {
      const ctx = userContextOf(await requireUser(permission));
      if (!fields) return unreadable;
      const parsed = schema.safeParse(fields);
      if (!parsed.success) return invalid(parsed.error, values);
      return succeed(await fn(parsed.data, ctx), options);
    } catch (error) {
      if (isRedirect(error)) throw error;
      return fail(error, values);
    }
  };
}

export { fieldErrorsOf };

export function isRedirect(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return (
    typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR"))
  );
}
