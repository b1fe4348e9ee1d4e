import type { z } from "zod";

/** zod's issues by field path ("body.amount"; "_form" for the whole input), as forms and the API show them. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
}
