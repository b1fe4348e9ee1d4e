import { describe, expect, it } from "vitest";
import { policySchema } from "./policies";

const form = {
  trialDays: "30",
  trialEndPolicy: "suspend",
  trialGraceDays: "14",
  rampUpDefaultCycles: "0",
  rampUpMaxCycles: "1",
  paymentTermsDays: "30",
  invoiceReminderDays: "7, 14",
};

function errorsOf(values: Partial<typeof form>) {
  const parsed = policySchema.safeParse({ ...form, ...values });
  if (parsed.success) return null;
  return Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
}

describe("payment terms and reminder days", () => {
  it("reads the reminder days as sorted whole numbers, empty as none", () => {
    const ok = policySchema.parse({ ...form, invoiceReminderDays: " 30,7 ,14, " });
    expect(ok.invoiceReminderDays).toEqual([7, 14, 30]);
    expect(ok.paymentTermsDays).toBe(30);
    expect(policySchema.parse({ ...form, invoiceReminderDays: "" }).invoiceReminderDays).toEqual([]);
  });

  it.each([
    ["0", /“0” is not a whole number of days from 1 to 365/],
    ["7, 1.5", /“1.5” is not a whole number/],
    ["7; 14", /“7; 14” is not a whole number/],
    ["-3", /“-3”/],
    ["400", /“400”/],
    ["7, 7", /Each day only once/],
    ["1,2,3,4,5,6,7,8,9,10,11", /At most 10/],
  ])("refuses reminder days %s beside the field", (value, message) => {
    expect(errorsOf({ invoiceReminderDays: value })?.invoiceReminderDays).toMatch(message);
  });

  it("refuses blank, negative or over-a-year payment terms", () => {
    expect(errorsOf({ paymentTermsDays: "" })?.paymentTermsDays).toBe("Enter the payment terms in days.");
    expect(errorsOf({ paymentTermsDays: "-1" })?.paymentTermsDays).toBe("At least 0.");
    expect(errorsOf({ paymentTermsDays: "366" })?.paymentTermsDays).toBe("At most 365.");
    expect(errorsOf({ paymentTermsDays: "14.5" })?.paymentTermsDays).toBe("Whole numbers only.");
    expect(policySchema.parse({ ...form, paymentTermsDays: "0" }).paymentTermsDays).toBe(0);
  });
});
