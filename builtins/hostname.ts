import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, type OptionSpec } from "./_lib/options.js";
import { decodeUtf8 } from "../src/io/utf8.js";

/**
 * hostname (Debian net-tools hostname 3.23): shows the sandbox's host name.
 * The name and address lookups (-f -d -a -i) read the sandbox's /etc/hosts;
 * the machine has no network interfaces (-I -A print an empty line). Changing
 * the name needs root, which the sandbox user is not.
 */

const USAGE = `Usage: hostname [-b] {hostname|-F file}         set host name (from file)
       hostname [-a|-A|-d|-f|-i|-I|-s|-y]       display formatted name
       hostname                                 display host name

       {yp,nis,}domainname {nisdomain|-F file}  set NIS domain name (from file)
       {yp,nis,}domainname                      display NIS domain name

       dnsdomainname                            display dns domain name

       hostname -V|--version|-h|--help          print info and exit

Program name:
       {yp,nis,}domainname=hostname -y
       dnsdomainname=hostname -d

Program options:
    -a, --alias            alias names
    -A, --all-fqdns        all long host names (FQDNs)
    -b, --boot             set default hostname if none available
    -d, --domain           DNS domain name
    -f, --fqdn, --long     long host name (FQDN)
    -F, --file             read host name or NIS domain name from given file
    -i, --ip-address       addresses for the host name
    -I, --all-ip-addresses all addresses for the host
    -s, --short            short host name
    -y, --yp, --nis        NIS/YP domain name

Description:
   This command can get or set the host name or the NIS domain name. You can
   also get the DNS domain or the FQDN (fully qualified domain name).
   Unless you are using bind or NIS for host lookups you can change the
   FQDN (Fully Qualified Domain Name) and the DNS domain name (which is
   part of the FQDN) in the /etc/hosts file.
`;

// In the order of hostname.c's long_options table.
const SPEC: OptionSpec = {
  d: { short: "d", long: "domain" },
  F: { short: "F", long: "file", arg: "required" },
  f: { short: "f", long: ["fqdn", "long"] },
  h: { short: "h", long: "help" },
  s: { short: "s", long: "short" },
  V: { short: "V", long: "version" },
  v: { long: "verbose" },
  a: { short: "a", long: "alias" },
  i: { short: "i", long: "ip-address" },
  A: { short: "A", long: "all-fqdns" },
  I: { short: "I", long: "all-ip-addresses" },
  y: { long: ["nis", "yp"], short: "y" },
  b: { short: "b", long: "boot" },
};

/** net-tools check_name: letters, digits, inner '-' and single inner '.'. */
function validName(name: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(name);
}

/** gethostbyname through /etc/hosts: the canonical name, aliases and addresses. */
async function lookup(ctx: CommandContext, name: string): Promise<{ canonical: string; aliases: string[]; addresses: string[] } | null> {
  let text = "";
  try {
    text = decodeUtf8(await ctx.fs.readFile("/etc/hosts"));
  } catch {
    return null;
  }
  let found: { canonical: string; aliases: string[]; addresses: string[] } | null = null;
  for (const raw of text.split("\n")) {
    const fields = raw.replace(/#.*/, "").trim().split(/\s+/);
    if (fields.length < 2 || !fields.slice(1).includes(name)) continue;
    if (!found) found = { canonical: fields[1], aliases: fields.slice(2), addresses: [] };
    found.addresses.push(fields[0]);
  }
  return found;
}

async function run(ctx: CommandContext): Promise<number> {
  const fail = (message: string, status = 1) => {
    ctx.stderr.write(`hostname: ${message}\n`);
    return status;
  };
  const opts = parseOptions(ctx, SPEC, {
    report: (message) => {
      ctx.stderr.write(`hostname: ${message}\n`);
      ctx.stdout.write(USAGE);
      return 255;
    },
  });
  if (typeof opts === "number") return opts;
  let what = "";
  for (const { key } of opts.order) {
    if (key === "h") {
      ctx.stdout.write(USAGE);
      return 255;
    }
    if (key === "V") {
      ctx.stdout.write("hostname 3.23\n");
      return 0;
    }
    if ("dfsaiAIy".includes(key)) what = key;
  }
  const file = opts.get("F");
  if (file !== undefined || opts.operands.length) {
    let name = opts.operands[0] ?? "";
    if (file !== undefined) {
      try {
        name = decodeUtf8(await ctx.fs.readFile(ctx.resolve(file))).split("\n").find((l) => l.trim() && !l.startsWith("#"))?.trim() ?? "";
      } catch {
        return fail("No such file or directory");
      }
    }
    if (!validName(name)) return fail("the specified hostname is invalid");
    if (ctx.sandbox.uid !== 0) return fail("you must be root to change the host name");
    return 0;
  }
  const host = ctx.sandbox.hostname;
  switch (what) {
    case "":
      ctx.stdout.write(host + "\n");
      return 0;
    case "s":
      ctx.stdout.write(host.split(".")[0] + "\n");
      return 0;
    case "y":
      // net-tools prints this one on stdout.
      ctx.stdout.write("hostname: Local domain name not set\n");
      return 1;
    case "A":
    case "I":
      ctx.stdout.write("\n");
      return 0;
  }
  const entry = await lookup(ctx, host);
  if (!entry) return fail("Name or service not known");
  if (what === "f") ctx.stdout.write(entry.canonical + "\n");
  else if (what === "d") {
    const dot = entry.canonical.indexOf(".");
    if (dot >= 0) ctx.stdout.write(entry.canonical.slice(dot + 1) + "\n");
  } else if (what === "a") ctx.stdout.write(entry.aliases.join(" ") + "\n");
  else if (what === "i") ctx.stdout.write(entry.addresses.join(" ") + " \n");
  return 0;
}

export const hostname: CommandDef = { name: "hostname", help: USAGE, run };
