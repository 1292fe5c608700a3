import { concatBytes } from "../src/io/streams.js";
import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, type OptionSpec, type ParsedOptions } from "./_lib/options.js";
import { encodeUtf8 } from "../src/io/utf8.js";
import { isFsError } from "../src/fs/types.js";
import { transfer, TransferError, header, type TransferResult } from "../src/network/transfer.js";
import { networkOf, parseUrl, readUpload, redirectLimit, remoteName, schemeOf, timeLimitMs } from "./net/common.js";

/**
 * wget (1.21.3), HTTP and HTTPS through the embedding's fetch only, like curl:
 * present when `new Bash({ network })` is given, each URL and redirect checked
 * against the allow-list. Redirects are followed (at most 20). The log on
 * stderr is wget's without the progress bar and speeds (it would not be
 * deterministic); -q silences it.
 */

const HELP = `GNU Wget 1.21.3, a non-interactive network retriever.
Usage: wget [OPTION]... [URL]...

  -q,  --quiet                     quiet (no output)
  -O,  --output-document=FILE      write documents to FILE
  -S,  --server-response           print server response
  -T,  --timeout=SECONDS           set all timeout values to SECONDS
       --max-redirect              maximum redirections allowed per page
       --header=STRING             insert STRING among the headers
       --method=HTTPMethod         use method "HTTPMethod" in the request
       --post-data=STRING          use the POST method; send STRING as the data
       --post-file=FILE            use the POST method; send contents of FILE
       --body-data=STRING          send STRING as data (--method must be set)
  -U,  --user-agent=AGENT          identify as AGENT instead of Wget/VERSION
       --content-on-error          output the received content on server errors
`;

const SPEC: OptionSpec = {
  quiet: { short: "q", long: "quiet" },
  output: { short: "O", long: "output-document", arg: "required" },
  serverResponse: { short: "S", long: "server-response" },
  timeout: { short: "T", long: "timeout", arg: "required" },
  maxRedirect: { long: "max-redirect", arg: "required" },
  header: { long: "header", arg: "required" },
  method: { long: "method", arg: "required" },
  postData: { long: "post-data", arg: "required" },
  postFile: { long: "post-file", arg: "required" },
  bodyData: { long: "body-data", arg: "required" },
  userAgent: { short: "U", long: "user-agent", arg: "required" },
  contentOnError: { long: "content-on-error" },
  noVerbose: { long: "no-verbose", short: "n" },
  noCheck: { long: "no-check-certificate" },
  tries: { short: "t", long: "tries", arg: "required" },
};

async function run(ctx: CommandContext): Promise<number> {
  const opts = parseOptions(ctx, SPEC, {
    help: HELP,
    version: "GNU Wget 1.21.3 built on linux-gnu.\n",
    report: (message) => {
      ctx.stderr.write(`wget: ${message}\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`);
      return 2;
    },
  });
  if (typeof opts === "number") return opts;
  if (opts.operands.length === 0) {
    ctx.stderr.write("wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
    return 1;
  }
  let status = 0;
  let document: Uint8Array[] | null = null;
  const outName = opts.get("output");
  for (const text of opts.operands) {
    const r = await fetchOne(ctx, opts, text);
    if (r.status !== 0) status = r.status;
    if (!r.body) continue;
    if (outName === undefined) {
      const name = await freeName(ctx, r.name);
      if (!(await save(ctx, name, [r.body]))) status = 3;
      else log(ctx, opts, `${stamp(ctx)} (0.00 B/s) - ‘${name}’ saved [${r.body.length}/${r.body.length}]\n\n`);
    } else if (outName === "-") {
      await ctx.stdout.write(r.body);
      log(ctx, opts, `${stamp(ctx)} (0.00 B/s) - written to stdout [${r.body.length}/${r.body.length}]\n\n`);
    } else {
      (document ??= []).push(r.body);
      log(ctx, opts, `${stamp(ctx)} (0.00 B/s) - ‘${outName}’ saved [${r.body.length}/${r.body.length}]\n\n`);
    }
  }
  // -O FILE: every document goes into the one file, as wget does.
  if (outName !== undefined && outName !== "-" && !(await save(ctx, outName, document ?? []))) status = 3;
  return status;
}

function log(ctx: CommandContext, opts: ParsedOptions, text: string): void {
  if (!opts.has("quiet")) ctx.stderr.write(text);
}

async function fetchOne(ctx: CommandContext, opts: ParsedOptions, text: string): Promise<{ status: number; body?: Uint8Array; name: string }> {
  const policy = networkOf(ctx);
  const scheme = schemeOf(text).toLowerCase();
  if (scheme && scheme !== "http" && scheme !== "https") {
    ctx.stderr.write(`${text}: Unsupported scheme ‘${schemeOf(text)}’.\n`);
    return { status: 1, name: "" };
  }
  const url = parseUrl(text);
  if (!url || !url.hostname) {
    ctx.stderr.write(`${text}: Invalid URL.\n`);
    return { status: 1, name: "" };
  }
  if (!policy) {
    ctx.stderr.write("wget: network access is disabled in this sandbox\n");
    return { status: 4, name: "" };
  }
  const headers: Array<[string, string]> = [["User-Agent", opts.get("userAgent") ?? "Wget/1.21.3"], ["Accept", "*/*"]];
  for (const h of opts.all("header")) {
    const colon = h.indexOf(":");
    if (colon > 0) headers.push([h.slice(0, colon).trim(), h.slice(colon + 1).trim()]);
  }
  let body: Uint8Array | undefined;
  let method = opts.get("method")?.toUpperCase() ?? "GET";
  const postData = opts.get("postData") ?? opts.get("bodyData");
  const postFile = opts.get("postFile");
  if (postData !== undefined) body = encodeUtf8(postData);
  else if (postFile !== undefined) {
    try {
      body = await readUpload(ctx, postFile, ctx.budget.limits.maxStringLength);
    } catch (e) {
      if (!isFsError(e)) throw e;
      ctx.stderr.write(`wget: ${postFile}: ${e.message}\n`);
      return { status: 3, name: "" };
    }
  }
  if (body && !opts.has("method")) method = "POST";
  if (body) headers.push(["Content-Type", "application/x-www-form-urlencoded"]);
  let result: TransferResult;
  try {
    result = await transfer(policy, ctx.budget, ctx.signal, {
      url,
      method,
      headers,
      body,
      follow: true,
      maxRedirects: redirectLimit(policy, opts.get("maxRedirect"), 20),
      maxTimeMs: timeLimitMs(opts.get("timeout")),
      onRequest: (u) => log(ctx, opts, `--${stamp(ctx)}--  ${u.href}\nConnecting to ${u.host}... `),
      onResponse: (hop, following) => {
        let line = `connected.\nHTTP request sent, awaiting response... ${hop.status} ${hop.statusText}\n`;
        if (opts.has("serverResponse")) {
          line = `connected.\nHTTP request sent, awaiting response... \n  HTTP/1.1 ${hop.status} ${hop.statusText}\n`;
          for (const [k, v] of hop.headers) line += `  ${k}: ${v}\n`;
        }
        if (following) line += `Location: ${header(hop.headers, "location")} [following]\n`;
        log(ctx, opts, line);
      },
    });
  } catch (e) {
    if (!(e instanceof TransferError)) throw e;
    const reasons: Record<TransferError["kind"], string> = {
      denied: `failed: blocked by the sandbox network policy (${e.message}).\n`,
      connect: "failed: Connection refused.\n",
      timeout: "failed: Connection timed out.\n",
      redirects: `${e.message.replace(/^Maximum \((\d+)\).*/, "$1")} redirections exceeded.\n`,
      "too-large": "Read error: the response is larger than the sandbox allows.\n",
    };
    // The failure message ends the "Connecting to ..." line of the hop that failed.
    if (!opts.has("quiet")) ctx.stderr.write(reasons[e.kind]);
    return { status: e.kind === "redirects" ? 8 : 4, name: "" };
  }
  const hops = result.hops;
  const last = hops[hops.length - 1];
  if (last.status >= 400) {
    log(ctx, opts, `${stamp(ctx)} ERROR ${last.status}: ${last.statusText}.\n\n`);
    if (opts.has("contentOnError")) return { status: 8, body: result.body, name: remoteName(last.url) || "index.html" };
    return { status: 8, name: "" };
  }
  const type = header(last.headers, "content-type");
  log(ctx, opts, `Length: ${header(last.headers, "content-length") ?? "unspecified"}${type ? ` [${type}]` : ""}\n`);
  const name = opts.get("output") ?? (remoteName(last.url) || "index.html");
  log(ctx, opts, `Saving to: ‘${name === "-" ? "STDOUT" : name}’\n\n`);
  return { status: 0, body: result.body, name: remoteName(last.url) || "index.html" };
}

/** wget never overwrites without -O: it picks NAME.1, NAME.2, ... */
async function freeName(ctx: CommandContext, name: string): Promise<string> {
  if (!(await ctx.fs.exists(ctx.resolve(name)))) return name;
  for (let i = 1; ; i++) {
    ctx.budget.step();
    const n = `${name}.${i}`;
    if (!(await ctx.fs.exists(ctx.resolve(n)))) return n;
  }
}

async function save(ctx: CommandContext, name: string, parts: Uint8Array[]): Promise<boolean> {
  const all = concatBytes(parts);
  try {
    await ctx.fs.writeFile(ctx.resolve(name), all);
    return true;
  } catch (e) {
    if (!isFsError(e)) throw e;
    ctx.stderr.write(`${name}: ${e.message}\n`);
    return false;
  }
}

/** wget's log time stamp, from the sandbox clock (UTC). */
function stamp(ctx: CommandContext): string {
  return new Date(ctx.sandbox.now()).toISOString().slice(0, 19).replace("T", " ");
}

export const wget: CommandDef = { name: "wget", help: HELP, run };
