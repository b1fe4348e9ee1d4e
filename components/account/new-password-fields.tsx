import { Field } from "@/components/ui/field";

/** The password rule, said where a password is chosen (lib/auth/password enforces it). */
export const NEW_PASSWORD_HINT = "At least 10 characters, mixing letters with digits or symbols.";

/**
 * A new password and its repetition (fields `password` and `confirm`), each with its error beside it and
 * `autoComplete="new-password"` so password managers offer to generate and save one. Used where a link
 * sets a password: a reset, an accepted invitation.
 */
export function NewPasswordFields({
  errors,
  labels = { password: "New password", confirm: "Repeat the new password" },
}: {
  errors?: Record<string, string[] | undefined>;
  labels?: { password: string; confirm: string };
}) {
  return (
    <>
      <Field
        label={labels.password}
        name="password"
        type="password"
        autoComplete="new-password"
        hint={NEW_PASSWORD_HINT}
        errors={errors?.password}
      />
      <Field
        label={labels.confirm}
        name="confirm"
        type="password"
        autoComplete="new-password"
        errors={errors?.confirm}
      />
    </>
  );
}
