import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { INVALID_ACTION_MESSAGE, refuseMalformedAction } from "./action-guard";

const require = createRequire(import.meta.url);
// React's own client encoder: the exact bodies the browser sends for our actions.
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.node") as {
  encodeReply: (value: unknown) => Promise<string | FormData>;
};

const ACTION_ID = `40${"a1".repeat(20)}`;
const url = "http://localhost/admin/settings";

function post(body: BodyInit | null, headers: Record<string, string> = {}, at = url): Request {
  return new Request(at, { method: "POST", body, headers: { "next-action": ACTION_ID, ...headers } });
}

function multipart(boundary: string, parts: [string, string][], end = true): Request {
  const body =
    parts
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join("") + (end ? `--${boundary}--\r\n` : "");
  return post(body, { "content-type": `multipart/form-data; boundary=${boundary}` });
}

/**
 * What React's server decoder (the one Next's action handler calls) does with a body: a throw there is the
 * 500 this guard prevents. Runs in a child process, as the server build needs the react-server condition.
 */
function reactDecodes(body: string | [string, string][]): boolean {
  const script = `
    const { decodeReply } = require("next/dist/compiled/react-server-dom-webpack/server.node");
    const input = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
    let body = input;
    if (Array.isArray(input)) { body = new FormData(); for (const [k, v] of input) body.append(k, v); }
    Promise.race([decodeReply(body, {}), new Promise((_, no) => setTimeout(() => no(new Error("hung")), 2000))])
      .then(() => process.exit(0), () => process.exit(1));`;
  const run = spawnSync(process.execPath, ["--conditions=react-server", "-e", script], {
    input: JSON.stringify(body),
    cwd: process.cwd(),
  });
  return run.status === 0;
}

describe("refuseMalformedAction", () => {
  it("lets the payloads React's client sends through", async () => {
    const form = new FormData();
    form.append("companyName", "Müller & Söhne GmbH");
    for (const args of [[undefined, form], ["T3"], [], [{ a: 1 }, "x"]]) {
      const body = await encodeReply(args);
      expect(await refuseMalformedAction(post(body))).toBeNull();
    }
  });

  it("lets ordinary requests through untouched", async () => {
    expect(await refuseMalformedAction(new Request(url))).toBeNull();
    expect(await refuseMalformedAction(new Request(url, { method: "POST", body: "a=b" }))).toBeNull();
    // Route handlers validate their own bodies; a JSON API post is not an action.
    const api = new Request("http://localhost/api/estimate", {
      method: "POST",
      body: "not json",
      headers: { "next-action": ACTION_ID },
    });
    expect(await refuseMalformedAction(api)).toBeNull();
    // Next answers a URL-encoded action with a 404 by itself.
    const encoded = post("a=b", { "content-type": "application/x-www-form-urlencoded" });
    expect(await refuseMalformedAction(encoded)).toBeNull();
  });

  it("leaves a well-formed but unknown action id to Next (409: the client reloads after a deploy)", async () => {
    expect(await refuseMalformedAction(post('["x"]'))).toBeNull();
  });

  it.each([
    ["an id of the wrong length", "abc"],
    ["an id that is not hex", `zz${"a1".repeat(20)}`],
    ["an empty id", ""],
  ])("refuses %s with 400", async (_label, id) => {
    const response = await refuseMalformedAction(post('["x"]', { "next-action": id }));
    expect(response?.status).toBe(400);
    expect(await response?.text()).toBe(INVALID_ACTION_MESSAGE);
  });

  const undecodableText = ["garbage", "", "{", "\u0000", '["unterminated'];
  it.each(undecodableText)(
    "refuses the text body %j, which React cannot decode (a 500 in Next)",
    async (body) => {
      expect(reactDecodes(body)).toBe(false);
      expect((await refuseMalformedAction(post(body)))?.status).toBe(400);
    },
  );

  it("accepts text bodies React decodes", async () => {
    for (const body of ['["T3"]', "[]", '"$undefined"']) {
      expect(reactDecodes(body)).toBe(true);
      expect(await refuseMalformedAction(post(body))).toBeNull();
    }
  });

  it.each([
    ["without its root field", [["_1_name", "Acme"]]],
    ["with a root that is not JSON", [["0", "not json"]]],
  ] as [string, [string, string][]][])(
    "refuses a multipart body %s (React throws: a 500 in Next)",
    async (_l, parts) => {
      expect(reactDecodes(parts)).toBe(false);
      expect((await refuseMalformedAction(multipart("b0undary", parts)))?.status).toBe(400);
    },
  );

  it("refuses a multipart body that cannot be parsed", async () => {
    const truncated = multipart("b0undary", [["0", "[]"]], false);
    expect((await refuseMalformedAction(truncated))?.status).toBe(400);
    const noBoundary = post("--x\r\n\r\n", { "content-type": "multipart/form-data" });
    expect((await refuseMalformedAction(noBoundary))?.status).toBe(400);
  });

  it("checks a form posted without JavaScript the same way", async () => {
    const form = (parts: [string, string][], end = true) => {
      const r = multipart("b0undary", parts, end);
      return new Request(r.url, {
        method: "POST",
        body: r.body,
        headers: { "content-type": r.headers.get("content-type")! },
        duplex: "half",
      } as RequestInit);
    };
    const good = form([
      ["$ACTION_REF_1", ""],
      ["$ACTION_1:0", `{"id":"${ACTION_ID}","bound":"$@1"}`],
      ["name", "Acme"],
    ]);
    expect(await refuseMalformedAction(good)).toBeNull();
    const badRoot = form([
      ["$ACTION_REF_1", ""],
      ["$ACTION_1:0", `{"id":"${ACTION_ID}",`],
    ]);
    expect((await refuseMalformedAction(badRoot))?.status).toBe(400);
    expect((await refuseMalformedAction(form([["name", "Acme"]], false)))?.status).toBe(400);
    expect(await refuseMalformedAction(form([["name", "Acme"]]))).toBeNull();
  });
});
