import type { CommandDef } from "./types.js";
import { parseOptions } from "./_lib/options.js";
import { Copier, defaultCopyOptions } from "./_lib/copy.js";
import { resolveTargets, intoDir } from "./_lib/targets.js";
import { quoteValue } from "./_lib/quote.js";
import { dirname } from "../src/fs/path.js";

/** cp (GNU coreutils 9.1): -r/-R -a -p -P -L -H -d -n -f -i -u -v -T -t -l -s --parents --preserve. */

const HELP = `Usage: cp [OPTION]... [-T] SOURCE DEST
  or:  cp [OPTION]... SOURCE... DIRECTORY
  or:  cp [OPTION]... -t DIRECTORY SOURCE...
Copy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.

  -a, --archive                same as -dR --preserve=all
  -d                           same as --no-dereference --preserve=links
  -f, --force                  if an existing destination file cannot be
                                 opened, remove it and try again
  -i, --interactive            prompt before overwrite
  -H                           follow command-line symbolic links in SOURCE
  -l, --link                   hard link files instead of copying
  -L, --dereference            always follow symbolic links in SOURCE
  -n, --no-clobber             do not overwrite an existing file
  -P, --no-dereference         never follow symbolic links in SOURCE
  -p                           same as --preserve=mode,ownership,timestamps
      --parents                use full source file name under DIRECTORY
  -R, -r, --recursive          copy directories recursively
  -s, --symbolic-link          make symbolic links instead of copying
  -t, --target-directory=DIRECTORY  copy all SOURCE arguments into DIRECTORY
  -T, --no-target-directory    treat DEST as a normal file
  -u, --update                 copy only when the SOURCE file is newer
  -v, --verbose                explain what is being done
`;

const PRESERVE_WORDS = ["mode", "ownership", "timestamps", "context", "links", "xattr", "all"];

export const cp: CommandDef = {
  name: "cp",
  help: HELP,
  async run(ctx) {
    const opts = parseOptions(
      ctx,
      {
        archive: { short: "a", long: "archive" },
        attributesOnly: { long: "attributes-only" },
        backup: { long: "backup", arg: "optional" },
        b: { short: "b" },
        copyContents: { long: "copy-contents" },
        d: { short: "d" },
        force: { short: "f", long: "force" },
        interactive: { short: "i", long: "interactive" },
        H: { short: "H" },
        link: { short: "l", long: "link" },
        deref: { short: "L", long: "dereference" },
        noClobber: { short: "n", long: "no-clobber" },
        noDeref: { short: "P", long: "no-dereference" },
        p: { short: "p" },
        preserve: { long: "preserve", arg: "optional" },
        noPreserve: { long: "no-preserve", arg: "required" },
        parents: { long: "parents" },
        recursive: { short: "R", long: "recursive" },
        r: { short: "r" },
        reflink: { long: "reflink", arg: "optional" },
        removeDestination: { long: "remove-destination" },
        sparse: { long: "sparse", arg: "required" },
        stripSlashes: { long: "strip-trailing-slashes" },
        symbolic: { short: "s", long: "symbolic-link" },
        suffix: { short: "S", long: "suffix", arg: "required" },
        targetDir: { short: "t", long: "target-directory", arg: "required" },
        noTargetDir: { short: "T", long: "no-target-directory" },
        update: { short: "u", long: "update", arg: "optional" },
        verbose: { short: "v", long: "verbose" },
        oneFs: { short: "x", long: "one-file-system" },
        context: { short: "Z", long: "context", arg: "optional" },
      },
      { help: HELP },
    );
    if (typeof opts === "number") return opts;
    const o = defaultCopyOptions();
    let deref: "always" | "args" | "never" | undefined;
    for (const { key, value } of opts.order) {
      switch (key) {
        case "archive":
          o.recursive = true;
          deref = "never";
          o.preserveMode = o.preserveTimes = o.preserveLinks = true;
          break;
        case "d":
          deref = "never";
          o.preserveLinks = true;
          break;
        case "recursive":
        case "r":
          o.recursive = true;
          break;
        case "H": deref = "args"; break;
        case "deref": deref = "always"; break;
        case "noDeref": deref = "never"; break;
        case "p": o.preserveMode = o.preserveTimes = true; break;
        case "preserve":
        case "noPreserve": {
          const on = key === "preserve";
          const words = value === true ? ["mode", "ownership", "timestamps"] : value.split(",");
          for (const w of words) {
            if (!PRESERVE_WORDS.includes(w)) {
              ctx.stderr.write(
                `cp: invalid argument ${quoteValue(w)} for ${quoteValue(on ? "--preserve" : "--no-preserve")}\nValid arguments are:\n${PRESERVE_WORDS.map((x) => `  - ${quoteValue(x)}\n`).join("")}Try 'cp --help' for more information.\n`,
              );
              return 1;
            }
            if (w === "mode" || w === "all") o.preserveMode = on;
            if (w === "timestamps" || w === "all") o.preserveTimes = on;
            if (w === "links" || w === "all") o.preserveLinks = on;
          }
          break;
        }
        case "force": o.force = true; break;
        case "interactive": o.interactive = true; o.noClobber = false; break;
        case "noClobber": o.noClobber = true; o.interactive = false; break;
        case "link": o.hardLink = true; break;
        case "symbolic": o.symbolicLink = true; break;
        case "update": o.update = value === true || value === "older"; break;
        case "verbose": o.verbose = true; break;
        case "removeDestination": o.removeDestination = true; break;
        case "attributesOnly": o.attributesOnly = true; break;
        default: break;
      }
    }
    o.dereference = deref ?? (o.recursive ? "never" : "always");
    const targets = await resolveTargets(ctx, opts.operands, {
      targetDir: opts.get("targetDir"),
      noTargetDir: opts.has("noTargetDir"),
      stripSlashes: opts.has("stripSlashes"),
    });
    if (typeof targets === "number") return targets;
    const copier = new Copier(ctx, o);
    if (targets.kind === "single") {
      await copier.copy(targets.source, targets.dest);
      return copier.status;
    }
    for (const src of targets.sources) {
      let dst = intoDir(targets.dir, src);
      if (opts.has("parents")) {
        const rel = src.replace(/^\/+/, "");
        dst = targets.dir.endsWith("/") ? targets.dir + rel : targets.dir + "/" + rel;
        const parent = dirname(dst);
        await ctx.fs.mkdir(ctx.resolve(parent), { recursive: true }).catch(() => undefined);
      }
      await copier.copy(src, dst);
    }
    return copier.status;
  },
};
