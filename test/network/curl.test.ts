import { describe, expect, it } from "vitest";
import { Bash } from "../../src/index.js";
import { fakeFetch, type Route } from "./fake-fetch.js";

const API = "https://api.example.com";
const SECRET = "Bearer sk-live-SECRET-123";

function setup(routes: Record<string, Route>, extra: Partial<ConstructorParameters<typeof Bash>[0] & object> = {}) {
  const f = fakeFetch(routes);
  const bash = new Bash({
    network: {
      fetch: f.fetch,
      allow: [
        { url: `${API}/v1`, methods: ["GET", "HEAD", "POST"], headers: { Authorization: SECRET } },
        "https://public.example.org/",
      ],
    },
    ...extra,
  });
  return { bash, seen: f.seen };
}

const json: Route = () => ({ body: '{"ok":true}\n', headers: { "content-type": "application/json" } });

describe("network off by default", () => {
  it("curl and wget are command not found", async () => {
    const bash = new Bash();
    const r = await bash.exec("curl https://example.com");
    expect(r).toMatchObject({ exitCode: 127, stderr: "bash: line 1: curl: command not found\n" });
    expect((await bash.exec("wget -q -O - https://example.com")).exitCode).toBe(127);
    expect((await bash.exec("type curl; command -v wget; ls /usr/bin/curl")).stdout).toBe("");
  });
});

describe("curl", () => {
  it("GET prints the body; injected secret reaches the server only", async () => {
    const { bash, seen } = setup({ [`${API}/v1/items`]: json });
    const r = await bash.exec(`curl -s ${API}/v1/items`);
    expect(r).toMatchObject({ stdout: '{"ok":true}\n', exitCode: 0, stderr: "" });
    expect(seen[0].headers.authorization).toBe(SECRET);
    expect(seen[0].headers["user-agent"]).toBe("curl/7.88.1");
  });

  it("the script cannot read the injected header (-v, -i, -w, override attempts)", async () => {
    const { bash, seen } = setup({ [`${API}/v1/items`]: json });
    const r = await bash.exec(`curl -sv -i -w '%{http_code} %header{authorization}\\n' -H 'Authorization: mine' ${API}/v1/items 2>&1; env; set`);
    expect(r.stdout).not.toContain("SECRET");
    expect(r.stdout).toContain("> Authorization: mine");
    expect(r.stdout).toContain("HTTP/1.1 200 OK\r\n");
    expect(r.stdout).toMatch(/200 \n/);
    // The rule's header wins over the script's.
    expect(seen[0].headers.authorization).toBe(SECRET);
  });

  it("URLs outside the allow-list are refused, including lookalikes", async () => {
    const { bash, seen } = setup({});
    for (const url of [
      "https://api.example.com/v10/x",
      "https://api.example.com/admin",
      "https://api.example.com/v1/../admin",
      "https://api.example.com/v1/%2e%2e/admin",
      "https://api.example.com.evil.com/v1/x",
      "https://user:pw@api.example.com/v1/x",
      "http://api.example.com/v1/x",
      "https://api.example.com:8443/v1/x",
      "https://evil.com/?https://api.example.com/v1",
    ]) {
      const r = await bash.exec(`curl -sS '${url}'`);
      expect(r.exitCode, url).toBe(7);
      expect(r.stderr, url).toMatch(/^curl: \(7\) Failed to connect to .*blocked by the sandbox network policy/);
    }
    expect(seen).toEqual([]);
  });

  it("methods are checked per rule", async () => {
    const { bash, seen } = setup({ [`${API}/v1/items`]: json, "https://public.example.org/x": json });
    expect((await bash.exec(`curl -s -X DELETE ${API}/v1/items`)).exitCode).toBe(7);
    expect((await bash.exec(`curl -sS -d a=1 https://public.example.org/x`)).stderr).toMatch(/method POST is not allowed/);
    const ok = await bash.exec(`curl -s -d a=1 -d b=2 ${API}/v1/items`);
    expect(ok.exitCode).toBe(0);
    expect(seen.map((s) => [s.method, s.body, s.headers["content-type"]])).toEqual([["POST", "a=1&b=2", "application/x-www-form-urlencoded"]]);
  });

  it("every redirect is re-checked; secrets do not follow to another rule", async () => {
    const { bash, seen } = setup({
      [`${API}/v1/go-out`]: () => ({ status: 302, headers: { location: "https://evil.com/steal" } }),
      [`${API}/v1/go-public`]: () => ({ status: 301, headers: { location: "https://public.example.org/p" } }),
      "https://public.example.org/p": () => ({ body: "public\n" }),
    });
    const out = await bash.exec(`curl -sSL ${API}/v1/go-out`);
    expect(out.exitCode).toBe(7);
    expect(out.stderr).toMatch(/evil\.com.*blocked/);
    const pub = await bash.exec(`curl -sL -w '%{num_redirects} %{url_effective}\\n' ${API}/v1/go-public`);
    expect(pub.stdout).toBe("public\n1 https://public.example.org/p\n");
    expect(seen.map((s) => [s.url, s.headers.authorization])).toEqual([
      [`${API}/v1/go-out`, SECRET],
      [`${API}/v1/go-public`, SECRET],
      ["https://public.example.org/p", undefined],
    ]);
    // Without -L the 3xx itself is the answer.
    const no = await bash.exec(`curl -s -o /dev/null -w '%{http_code} %{redirect_url}' ${API}/v1/go-public`);
    expect(no.stdout).toBe("301 https://public.example.org/p");
  });

  it("redirect loops stop at --max-redirs", async () => {
    const { bash } = setup({ [`${API}/v1/loop`]: () => ({ status: 302, headers: { location: "/v1/loop" } }) });
    const r = await bash.exec(`curl -sSL --max-redirs 3 ${API}/v1/loop`);
    expect(r).toMatchObject({ exitCode: 47, stderr: "curl: (47) Maximum (3) redirects followed\n" });
  });

  it("-f, --fail-with-body, -S and -s", async () => {
    const { bash } = setup({});
    expect(await bash.exec(`curl -sf ${API}/v1/missing`)).toMatchObject({ exitCode: 22, stdout: "", stderr: "" });
    expect(await bash.exec(`curl -sSf ${API}/v1/missing`)).toMatchObject({ exitCode: 22, stderr: "curl: (22) The requested URL returned error: 404\n" });
    expect(await bash.exec(`curl -s --fail-with-body ${API}/v1/missing`)).toMatchObject({ exitCode: 22, stdout: "not found\n" });
    expect(await bash.exec(`curl -s -w '%{http_code}' ${API}/v1/missing`)).toMatchObject({ exitCode: 0, stdout: "not found\n404" });
  });

  it("-o, -O, -I, --data-binary @file, -H removal, -G", async () => {
    const { bash, seen } = setup({
      [`${API}/v1/file.txt`]: () => ({ body: "contents\n", headers: { "content-type": "text/plain" } }),
      [`${API}/v1/up`]: (req) => ({ body: `${req.method} ${req.body.length}\n` }),
      [`${API}/v1/q?a=1&b=2`]: () => ({ body: "query\n" }),
    });
    await bash.exec(`cd /tmp && curl -sO ${API}/v1/file.txt && curl -s -o out.txt ${API}/v1/file.txt`);
    expect((await bash.exec("cat /tmp/file.txt /tmp/out.txt")).stdout).toBe("contents\ncontents\n");
    const head = await bash.exec(`curl -sI ${API}/v1/file.txt`);
    expect(head.stdout).toBe("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\n");
    expect(seen.at(-1)?.method).toBe("HEAD");
    await bash.exec(`printf 'a\\nb\\n' > d.txt; curl -s --data-binary @d.txt ${API}/v1/up; curl -s -d @d.txt -H 'Accept:' ${API}/v1/up`);
    expect(seen.at(-2)?.body).toBe("a\nb\n");
    expect(seen.at(-1)?.body).toBe("ab");
    expect(seen.at(-1)?.headers.accept).toBeUndefined();
    expect((await bash.exec(`curl -s -G -d a=1 -d b=2 ${API}/v1/q`)).stdout).toBe("query\n");
  });

  it("-u sends basic auth (the script's own credentials, shown in -v)", async () => {
    const { bash, seen } = setup({ "https://public.example.org/x": json });
    const r = await bash.exec("curl -sv -u 'ann:p w' https://public.example.org/x 2>&1 >/dev/null | grep Authorization");
    expect(r.stdout).toBe("> Authorization: Basic YW5uOnAgdw==\r\n");
    expect(seen[0].headers.authorization).toBe("Basic YW5uOnAgdw==");
  });

  it("bad URLs, unknown schemes and options read as curl's", async () => {
    const { bash } = setup({});
    expect(await bash.exec("curl -sS ftp://x/y")).toMatchObject({ exitCode: 1, stderr: 'curl: (1) Protocol "ftp" not supported or disabled in libcurl\n' });
    expect((await bash.exec("curl")).exitCode).toBe(2);
    expect(await bash.exec("curl --bogus x")).toMatchObject({ exitCode: 2, stderr: "curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n" });
    expect((await bash.exec("curl -o")).stderr).toMatch(/^curl: option -o: requires parameter/);
  });

  it("a failing fetch does not leak the host's error text", async () => {
    const { bash } = setup({ [`${API}/v1/down`]: () => "throw" });
    const r = await bash.exec(`curl -sS ${API}/v1/down`);
    expect(r.exitCode).toBe(7);
    expect(r.stderr).not.toMatch(/ECONNREFUSED|secret-internal/);
  });

  it("-m gives exit 28; a hanging fetch ends at the exec deadline; abort ends it", async () => {
    const { bash } = setup({ [`${API}/v1/slow`]: () => "hang" }, { limits: { timeoutMs: 400 } });
    const m = await bash.exec(`curl -sS -m 0.05 ${API}/v1/slow; echo "status $?"`);
    expect(m.stdout).toBe("status 28\n");
    expect(m.stderr).toMatch(/^curl: \(28\) Operation timed out after \d+ milliseconds/);
    const t = await bash.exec(`curl -s ${API}/v1/slow; echo never`);
    expect(t).toMatchObject({ exitCode: 124, stdout: "" });
    expect(t.stderr).toMatch(/time limit exceeded \(timeoutMs=400\)/);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 30);
    const a = await bash.exec(`curl -s ${API}/v1/slow | cat; echo never`, { signal: ac.signal });
    expect(a.exitCode).toBe(130);
    expect((await bash.exec("echo ok")).stdout).toBe("ok\n");
  });

  it("a response over maxResponseBytes fails with 63", async () => {
    const f = fakeFetch({ "https://public.example.org/big": () => ({ body: "x".repeat(5000) }) });
    const bash = new Bash({ network: { fetch: f.fetch, allow: ["https://public.example.org/"], maxResponseBytes: 1000 } });
    expect(await bash.exec("curl -sS https://public.example.org/big")).toMatchObject({ exitCode: 63, stdout: "", stderr: "curl: (63) Maximum file size exceeded\n" });
  });

  it("header transforms compute secrets per request", async () => {
    const f = fakeFetch({ [`${API}/v1/t`]: json });
    const bash = new Bash({
      network: {
        fetch: f.fetch,
        allow: [{ url: `${API}/v1/`, transform: (req) => ({ "X-Signature": `sig(${req.method} ${req.url})` }) }],
      },
    });
    const r = await bash.exec(`curl -sv ${API}/v1/t 2>&1`);
    expect(r.stdout).not.toContain("sig(");
    expect(f.seen[0].headers["x-signature"]).toBe(`sig(GET ${API}/v1/t)`);
  });

  it("rejects a bad network option at construction", () => {
    expect(() => new Bash({ network: { fetch: fetch as never, allow: ["ftp://x/"] } })).toThrow(/only http and https/);
    expect(() => new Bash({ network: { allow: [] } as never })).toThrow(/network.fetch/);
  });
});

describe("wget", () => {
  it("-q -O - prints the body; saving picks free names", async () => {
    const { bash, seen } = setup({ [`${API}/v1/data.csv`]: () => ({ body: "a,b\n", headers: { "content-type": "text/csv" } }) });
    expect(await bash.exec(`wget -q -O - ${API}/v1/data.csv`)).toMatchObject({ stdout: "a,b\n", exitCode: 0, stderr: "" });
    await bash.exec(`wget -q ${API}/v1/data.csv; wget -q ${API}/v1/data.csv`);
    expect((await bash.exec("ls data.csv*")).stdout).toBe("data.csv\ndata.csv.1\n");
    expect(seen[0].headers.authorization).toBe(SECRET);
    const log = await bash.exec(`wget -O x.csv ${API}/v1/data.csv`);
    expect(log.stderr).toMatch(/HTTP request sent, awaiting response\.\.\. 200 OK\nLength: unspecified \[text\/csv\]\nSaving to: ‘x.csv’/);
    expect(log.stderr).not.toContain("SECRET");
  });

  it("errors: 404 is 8, refused is 4, missing URL is 1", async () => {
    const { bash } = setup({});
    expect((await bash.exec(`wget -q ${API}/v1/nope`)).exitCode).toBe(8);
    const denied = await bash.exec("wget -O - https://evil.com/");
    expect(denied.exitCode).toBe(4);
    expect(denied.stderr).toMatch(/blocked by the sandbox network policy/);
    expect(await bash.exec("wget")).toMatchObject({ exitCode: 1, stderr: "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n" });
  });
});
