import { describe, expect, it } from "vitest";
import { multiLine, SINGLE_LINE_MESSAGE, singleLine, textProblem } from "./text";

const name = singleLine({ max: 120 });
const body = multiLine({ max: 2000 });

/** Every class of character a single-line field refuses, with one example each. */
const refused: [string, string][] = [
  ["NUL", "Acme\u0000 GmbH"],
  ["C0 control (BEL)", "Acme\u0007"],
  ["C0 control (ESC) for terminal escapes", "Acme \u001b[31mred"],
  ["tab inside", "Acme\tGmbH"],
  ["vertical tab (Word's soft break)", "Acme\u000bGmbH"],
  ["DEL", "Acme\u007f"],
  ["C1 control (NEL)", "Acme\u0085GmbH"],
  ["C1 control (CSI)", "Acme\u009b"],
  ["newline inside", "Acme\nGmbH"],
  ["CR inside", "Acme\rGmbH"],
  ["CRLF inside", "Acme\r\nGmbH"],
  ["line separator", "Acme\u2028GmbH"],
  ["paragraph separator", "Acme\u2029GmbH"],
  ["LRE", "Acme\u202a"],
  ["RLE", "Acme\u202b"],
  ["PDF", "Acme\u202c"],
  ["LRO", "Acme\u202d"],
  ["RLO (Trojan Source)", "Invoice \u202efdp.exe"],
  ["LRI", "\u2066Acme"],
  ["RLI", "\u2067Acme"],
  ["FSI", "\u2068Acme"],
  ["PDI", "Acme\u2069"],
  ["lone high surrogate", "Acme\ud800"],
  ["lone low surrogate", "\udc00Acme"],
  ["reversed surrogate pair", "Acme\udc00\ud800"],
];

/** International names and ordinary punctuation that must pass unchanged. */
const accepted: string[] = [
  "Müller & Söhne GmbH",
  "株式会社",
  "O’Brien",
  "O'Brien (Ireland) Ltd.",
  "Åsa Öberg",
  "Łódź Serwis sp. z o.o.",
  "Ελληνική Εταιρεία Α.Ε.",
  "ООО «Ромашка»",
  "שלום בע״מ",
  "شركة الاتصالات",
  "हिन्दी सेवा",
  "Zoë @ Café №5 — 50% off; “quotes”",
  "Pizza 🍕 & Co 👩‍💻",
  "میرزا\u200cزاده", // ZWNJ is part of Persian spelling
  "עברית\u200f ABC", // RLM / LRM are weak marks, not overrides: allowed
  "ABC\u200e עברית",
];

describe("singleLine", () => {
  it.each(refused)("refuses %s with the field message", (_label, value) => {
    const result = name.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([SINGLE_LINE_MESSAGE]);
  });

  it.each(accepted)("accepts %s unchanged", (value) => {
    expect(name.parse(value)).toBe(value);
  });

  it("trims surrounding whitespace, including a trailing newline from a paste", () => {
    expect(name.parse("  Acme GmbH \n")).toBe("Acme GmbH");
    expect(name.parse("\tAcme\r\n")).toBe("Acme");
  });

  it("applies the length limit after trimming, counting characters as typed", () => {
    const short = singleLine({ max: 5, maxMessage: "Too long." });
    expect(short.parse("  abcde  ")).toBe("abcde");
    expect(short.safeParse("abcdef").error?.issues[0]?.message).toBe("Too long.");
  });

  it("min and required messages", () => {
    const required = singleLine({ max: 10, min: 2, minMessage: "Enter it.", requiredMessage: "Enter it." });
    expect(required.safeParse("").error?.issues[0]?.message).toBe("Enter it.");
    expect(required.safeParse("   ").error?.issues[0]?.message).toBe("Enter it.");
    expect(required.safeParse(undefined).error?.issues[0]?.message).toBe("Enter it.");
    expect(required.safeParse(42).error?.issues[0]?.message).toBe("Enter it.");
  });

  it("shows only the character message when a value is also too long", () => {
    const short = singleLine({ max: 3 });
    expect(short.safeParse("abc\u0000def").error?.issues).toHaveLength(1);
  });

  it("stays a string schema, so callers can chain their own checks", () => {
    expect(singleLine({ max: 10 }).min(2, "Two at least.").safeParse("a").error?.issues[0]?.message).toBe(
      "Two at least.",
    );
  });
});

describe("multiLine", () => {
  it("keeps line breaks and normalises CRLF and lone CR to LF", () => {
    expect(body.parse("Line one\r\nLine two\rLine three\nLine four")).toBe(
      "Line one\nLine two\nLine three\nLine four",
    );
    expect(body.parse("Para\u2028two\u2029three")).toBe("Para\ntwo\nthree");
  });

  const refusedInMultiLine = refused.filter(
    ([label]) => !/newline|CR|line separator|paragraph separator/.test(label),
  );
  it.each(refusedInMultiLine)("refuses %s", (_label, value) => {
    const result = body.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/control characters/);
  });

  it.each(accepted)("accepts %s", (value) => {
    expect(body.parse(`${value}\n${value}`)).toBe(`${value}\n${value}`);
  });
});

describe("textProblem", () => {
  it("names the first refused character for logs and tests", () => {
    expect(textProblem("ok")).toBeNull();
    expect(textProblem("a\u0000b")).toBe("U+0000");
    expect(textProblem("a\nb")).toBe("U+000A");
    expect(textProblem("a\nb", { lines: true })).toBeNull();
    expect(textProblem("a\ud800")).toBe("U+D800");
  });
});
