import type { CommandContext, CommandDef } from "../types.js";
import { isFsError } from "../../src/fs/types.js";
import { readAll } from "../../src/io/streams.js";
import { parseOptions } from "../_lib/options.js";
import { deviceNumbers } from "../_lib/fileinfo.js";
import { classify, type Verdict } from "./magic.js";

/** file (5.44): what a file holds, for the formats the sandbox meets (see magic.ts). */

const USAGE = `Usage: file [-bcCdEhikLlNnprsSvzZ0] [--apple] [--extension] [--mime-encoding]
            [--mime-type] [-e <testname>] [-F <separator>]  [-f <namefile>]
            [-m <magicfiles>] [-P <parameter=value>] [--exclude-quiet]
            <file> ...
       file -C [-m <magicfiles>]
       file [--help]
`;

const HELP = USAGE.replace(/\n$/, "") + "\nDetermine type of FILEs.\n";

/** Only so much of a file is examined, as file reads a bounded buffer. */
const READ_LIMIT = 1024 * 1024;

async function examine(ctx: CommandContext, name: string, follow: boolean): Promise<Verdict> {
  const special = (desc: string, mime: string): Verdict => ({ desc, mime, encoding: "binary" });
  if (name === "-") {
    return classify((await readAll(ctx.stdin, READ_LIMIT)).subarray(0, READ_LIMIT));
  }
  const path = ctx.resolve(name);
  try {
    let st = await ctx.fs.lstat(path);
    if (st.type === "symlink") {
      const target = await ctx.fs.readlink(path);
      try {
        const t = await ctx.fs.stat(path);
        if (!follow) return special(`symbolic link to ${target}`, "inode/symlink");
        st = t;
      } catch (e) {
        if (follow) throw e;
        return special(`broken symbolic link to ${target}`, "inode/symlink");
      }
    }
    switch (st.type) {
      case "directory":
        return special("directory", "inode/directory");
      case "char":
      case "block": {
        const [ma, mi] = deviceNumbers(st.rdev ?? 0);
        const kind = st.type === "char" ? "character" : "block";
        return special(`${kind} special (${ma}/${mi})`, `inode/${st.type === "char" ? "chardevice" : "blockdevice"}`);
      }
      case "fifo":
        return special("fifo (named pipe)", "inode/fifo");
      case "socket":
        return special("socket", "inode/socket");
      default: {
        const data = await ctx.fs.readFile(path);
        return classify(data.subarray(0, READ_LIMIT));
      }
    }
  } catch (e) {
    if (!isFsError(e)) throw e;
    return special(`cannot open \`${name}' (${e.message})`, "cannot open");
  }
}

export const file: CommandDef = {
  name: "file",
  help: HELP,
  async run(ctx) {
    const opts = parseOptions(
      ctx,
      {
        brief: { short: "b", long: "brief" },
        mime: { short: "i", long: "mime" },
        mimeType: { long: "mime-type" },
        mimeEncoding: { long: "mime-encoding" },
        deref: { short: "L", long: "dereference" },
        noDeref: { short: "h", long: "no-dereference" },
        noPad: { short: "N", long: "no-pad" },
        separator: { short: "F", long: "separator", arg: "required" },
        print0: { short: "0", long: "print0" },
        errorExit: { short: "E" },
        namesFile: { short: "f", long: "files-from", arg: "required" },
        special: { short: "s", long: "special-files" },
        keepGoing: { short: "k", long: "keep-going" },
        raw: { short: "r", long: "raw" },
        z: { short: "z", long: "uncompress" },
        version: { short: "v", long: "version" },
        extension: { long: "extension" },
        apple: { long: "apple" },
      },
      { help: HELP },
    );
    if (typeof opts === "number") return opts;
    if (opts.has("version")) {
      await ctx.stdout.write("file-5.44\nmagic file from /etc/magic:/usr/share/misc/magic\n");
      return 0;
    }
    const names = [...opts.operands];
    const listFile = opts.get("namesFile");
    if (listFile !== undefined) {
      try {
        const text = new TextDecoder().decode(await ctx.fs.readFile(ctx.resolve(listFile)));
        names.push(...text.split("\n").filter((l) => l !== ""));
      } catch (e) {
        if (!isFsError(e)) throw e;
        ctx.stderr.write(`file: Cannot open \`${listFile}' (${e.message})\n`);
        return 1;
      }
    }
    if (names.length === 0) {
      ctx.stderr.write(USAGE);
      return 1;
    }
    let follow = false;
    for (const { key } of opts.order) {
      if (key === "deref") follow = true;
      else if (key === "noDeref") follow = false;
    }
    const sep = opts.get("separator") ?? ":";
    const shown = names.map((n) => (n === "-" ? "/dev/stdin" : n));
    const width = Math.max(...shown.map((n) => [...n].length + sep.length));
    let status = 0;
    let out = "";
    for (let i = 0; i < names.length; i++) {
      ctx.budget.step();
      const v = await examine(ctx, names[i], follow);
      let text = v.desc;
      const failed = v.mime === "cannot open";
      if (failed && opts.has("errorExit")) status = 1;
      if (!failed) {
        if (opts.has("mime")) text = `${v.mime}; charset=${v.encoding}`;
        else if (opts.has("mimeType")) text = v.mime;
        else if (opts.has("mimeEncoding")) text = v.encoding;
      }
      if (opts.has("brief")) out += text + "\n";
      else if (opts.has("print0")) out += `${shown[i]}\0${text}\n`;
      else {
        const label = shown[i] + sep;
        const pad = opts.has("noPad") ? "" : " ".repeat(width - [...label].length);
        out += `${label}${pad} ${text}\n`;
      }
    }
    await ctx.stdout.write(out);
    return status;
  },
};
