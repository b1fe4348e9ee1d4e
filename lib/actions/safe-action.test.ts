import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { SINGLE_LINE_MESSAGE, singleLine } from "@/lib/validation/text";

const requireUser = vi.fn();
vi.mock("@/lib/auth/guard", () => ({ requireUser: (...args: unknown[]) => requireUser(...args) }));

const { publicAction, userAction, UNREADABLE_FORM_MESSAGE } = await import("./safe-action");

const schema = z.object({ name: singleLine({ max: 80, requiredMessage: "Enter a name." }) });
const run = vi.fn(async (input: { name: string }) => input.name);
const pub = publicAction(schema, run);
const staff = userAction("admin:write", schema, run);

function formOf(entries: [string, string | Blob][]): FormData {
  const form = new FormData();
  for (const [k, v] of entries) form.append(k, v);
  return form;
}

beforeEach(() => {
  run.mockClear();
  requireUser.mockReset();
  requireUser.mockResolvedValue({ id: "u1", email: "a@b.example", role: "distributor_admin" });
});

describe.each([
  ["publicAction", pub],
  ["userAction", staff],
])("%s with a malformed payload", (_label, action) => {
  // A crafted fetch to the action's id can send any serialisable value instead of the form.
  it.each([
    ["undefined", undefined],
    ["null", null],
    ["a string", "name=x"],
    ["a number", 42],
    ["a plain object", { name: "x" }],
    ["an array", [["name", "x"]]],
  ])("answers a form error for %s instead of throwing", async (_what, payload) => {
    const result = await action(undefined, payload as unknown as FormData);
    expect(result).toMatchObject({ ok: false, message: UNREADABLE_FORM_MESSAGE });
    expect(run).not.toHaveBeenCalled();
  });

  it("refuses a file where text was expected", async () => {
    const result = await action(undefined, formOf([["name", new Blob(["x"])]]));
    expect(result).toMatchObject({ ok: false, message: UNREADABLE_FORM_MESSAGE });
    expect(run).not.toHaveBeenCalled();
  });

  it("echoes the typed values without React's own action fields, so a confirm step can re-send them", async () => {
    const result = await action(
      undefined,
      formOf([
        ["$ACTION_REF_3", ""],
        ["$ACTION_KEY", "k0"],
        ["name", "Evil\u0000"],
      ]),
    );
    expect(result.values).toEqual({ name: "Evil\u0000" });
  });

  it("refuses a field sent twice (the echoed and the validated value could differ)", async () => {
    const result = await action(
      undefined,
      formOf([
        ["name", "Acme"],
        ["name", "Evil\u0000"],
      ]),
    );
    expect(result).toMatchObject({ ok: false, message: UNREADABLE_FORM_MESSAGE });
    expect(run).not.toHaveBeenCalled();
  });

  it("gives the field message for a NUL and never runs the action", async () => {
    const result = await action(undefined, formOf([["name", "Acme\u0000"]]));
    expect(result.ok).toBe(false);
    expect(result.fieldErrors?.name).toEqual([SINGLE_LINE_MESSAGE]);
    expect(run).not.toHaveBeenCalled();
  });

  it("still runs a well-formed form", async () => {
    const result = await action(undefined, formOf([["name", "Müller & Söhne GmbH"]]));
    expect(result).toMatchObject({ ok: true, data: "Müller & Söhne GmbH" });
  });
});

it("userAction checks the role before reading a malformed payload", async () => {
  requireUser.mockRejectedValue(
    Object.assign(new Error("NEXT_HTTP_ERROR_FALLBACK;403"), { digest: "NEXT_HTTP_ERROR_FALLBACK;403" }),
  );
  await expect(staff(undefined, "junk" as unknown as FormData)).rejects.toThrow(/403/);
});
