import type { CommandContext, CommandDef } from "./types.js";
import { parseOptions, usageError, UsageError, type OptionSpec } from "./_lib/options.js";
import { openInput } from "./_lib/input.js";
import { LineCursor } from "./_lib/lines.js";
import { OutputBuffer } from "./_lib/output.js";
import { quoteAlways, quoteFile, quoteValue } from "./_lib/quote.js";
import { encodeUtf8 } from "../src/io/utf8.js";
import { isFsError } from "../src/fs/types.js";
import { JoinDisorder, JoinEngine, JoinInput, type JoinSettings, type OutSpec } from "./join/engine.js";

/**
 * join (GNU coreutils 9.1): joins the lines of two inputs sorted on a key
 * field (byte order), with -a/-v unpaired lines, -o output lists (and auto),
 * -e fillers, -t separators, -i, --header and the order checks. Streams both inputs.
 */

const HELP = `Usage: join [OPTION]... FILE1 FILE2
For each pair of input lines with identical join fields, write a line to
standard output.  The default join field is the first, delimited by blanks.
`;

const SPEC: OptionSpec = {
  a: { short: "a", arg: "required" },
  e: { short: "e", arg: "required" },
  i: { short: "i", long: "ignore-case" },
  j: { short: "j", arg: "required" },
  o: { short: "o", arg: "required" },
  t: { short: "t", arg: "required" },
  v: { short: "v", arg: "required" },
  f1: { short: "1", arg: "required" },
  f2: { short: "2", arg: "required" },
  checkOrder: { long: "check-order" },
  nocheckOrder: { long: "nocheck-order" },
  header: { long: "header" },
  zero: { short: "z", long: "zero-terminated" },
};

/** A fatal "join: message" (status 1, no usage hint). */
class JoinFatal extends Error {}

/** string_to_join_field: a 1-based field number, zero-based (huge ones saturate). */
function joinField(text: string): number {
  const m = /^[ \t\n\v\f\r]*\+?(\d+)$/.exec(text);
  if (!m || /^0+$/.test(m[1])) throw new JoinFatal(`invalid field number: ${quoteValue(text)}`);
  return Math.min(Number(m[1]), Number.MAX_SAFE_INTEGER) - 1;
}

/** add_field_list: "0", "1.N" or "2.N" separated by commas or blanks. */
function fieldList(text: string): OutSpec[] {
  return text.split(/[, \t]/).map((spec): OutSpec => {
    if (spec[0] === "0") {
      if (spec.length > 1) throw new JoinFatal(`invalid field specifier: ${quoteValue(spec)}`);
      return { file: 0, field: 0 };
    }
    if (spec[0] === "1" || spec[0] === "2") {
      if (spec[1] !== ".") throw new JoinFatal(`invalid field specifier: ${quoteValue(spec)}`);
      return { file: spec[0] === "1" ? 1 : 2, field: joinField(spec.slice(2)) };
    }
    throw new JoinFatal(`invalid file number in field spec: ${quoteValue(spec)}`);
  });
}

function settingsFrom(ctx: CommandContext): JoinSettings {
  const opts = parseOptions(ctx, SPEC, { help: HELP });
  if (typeof opts === "number") throw new UsageError(opts);
  const s: JoinSettings = {
    tab: -1, field1: -1, field2: -1, ignoreCase: false, printPairables: true, unpaired1: false,
    unpaired2: false, empty: null, outList: [], autoformat: false, header: false, check: "default",
    eol: 0x0a, names: ["", ""],
  };
  let emptyText: string | null = null;
  const setField = (which: "field1" | "field2", v: number) => {
    if (s[which] >= 0 && s[which] !== v) throw new JoinFatal(`incompatible join fields ${s[which] + 1}, ${v + 1}`);
    s[which] = v;
  };
  for (const { key, value } of opts.order) {
    const v = value as string;
    switch (key) {
      case "v":
      case "a": {
        if (key === "v") s.printPairables = false;
        if (!/^[ \t\n\v\f\r]*\+?0*[12]$/.test(v)) throw new JoinFatal(`invalid field number: ${quoteValue(v)}`);
        if (/1$/.test(v)) s.unpaired1 = true;
        else s.unpaired2 = true;
        break;
      }
      case "e":
        if (emptyText !== null && emptyText !== v) throw new JoinFatal("conflicting empty-field replacement strings");
        emptyText = v;
        break;
      case "i": s.ignoreCase = true; break;
      case "f1": setField("field1", joinField(v)); break;
      case "f2": setField("field2", joinField(v)); break;
      case "j": {
        const f = joinField(v);
        setField("field1", f);
        setField("field2", f);
        break;
      }
      case "o":
        if (v === "auto") s.autoformat = true;
        else s.outList.push(...fieldList(v));
        break;
      case "t": {
        let tab: number;
        if (v === "") tab = 0x0a; // the whole line is the key
        else if (v === "\\0") tab = 0;
        else {
          const b = encodeUtf8(v);
          if (b.length > 1) throw new JoinFatal(`multi-character tab ${quoteValue(v)}`);
          tab = b[0];
        }
        if (s.tab >= 0 && s.tab !== tab) throw new JoinFatal("incompatible tabs");
        s.tab = tab;
        break;
      }
      case "checkOrder": s.check = "enabled"; break;
      case "nocheckOrder": s.check = "disabled"; break;
      case "header": s.header = true; break;
      case "zero": s.eol = 0; break;
    }
  }
  const ops = opts.operands;
  if (ops.length > 2) throw usageError(ctx, `extra operand ${quoteAlways(ops[2])}`);
  if (ops.length < 2) {
    throw usageError(ctx, ops.length === 0 ? "missing operand" : `missing operand after ${quoteValue(ctx.args[ctx.args.length - 1])}`);
  }
  if (s.field1 < 0) s.field1 = 0;
  if (s.field2 < 0) s.field2 = 0;
  s.empty = emptyText === null ? null : encodeUtf8(emptyText);
  s.names = [ops[0], ops[1]];
  return s;
}

async function run(ctx: CommandContext): Promise<number> {
  let s: JoinSettings;
  try {
    s = settingsFrom(ctx);
  } catch (e) {
    if (e instanceof UsageError) return e.status;
    if (e instanceof JoinFatal) {
      ctx.stderr.write(`${ctx.name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const readers = [];
  for (const name of s.names) {
    try {
      readers.push(await openInput(ctx, name));
    } catch (e) {
      if (!isFsError(e)) throw e;
      // A directory opens fine; its first read fails.
      if (e.code === "EISDIR") ctx.stderr.write(`${ctx.name}: read error: ${e.message}\n`);
      else ctx.stderr.write(`${ctx.name}: ${quoteFile(name)}: ${e.message}\n`);
      return 1;
    }
  }
  if (readers[0] === readers[1]) {
    // GNU quirk kept: it prints whatever errno was left over (ENOENT here).
    ctx.stderr.write(`${ctx.name}: both files cannot be standard input: No such file or directory\n`);
    return 1;
  }
  const out = new OutputBuffer(ctx.stdout);
  const engine = new JoinEngine(s, (line) => out.write(line), (prefix, line) => {
    // Output so far goes first (the write is queued; its backpressure does not matter here).
    void out.flush();
    ctx.stderr.write(`${ctx.name}: ${prefix}`);
    ctx.stderr.write(line);
    ctx.stderr.write("\n");
  });
  try {
    await engine.run(
      new JoinInput(new LineCursor(readers[0], s.eol), 1, engine),
      new JoinInput(new LineCursor(readers[1], s.eol), 2, engine),
    );
  } catch (e) {
    if (!(e instanceof JoinDisorder)) throw e;
    const p = out.flush();
    if (p) await p;
    return 1;
  }
  const p = out.flush();
  if (p) await p;
  if (engine.in1!.warned || engine.in2!.warned) {
    ctx.stderr.write(`${ctx.name}: input is not in sorted order\n`);
    return 1;
  }
  return 0;
}

export const join: CommandDef = { name: "join", help: HELP, run };
