/**
 * The state of a running awk program: variables, the current record and its
 * fields (split lazily, on the first use of a field or NF), the special
 * variables with their side effects, and value conversions under CONVFMT/OFMT.
 */
import type { CommandContext } from "../types.js";
import { AwkArray } from "./array.js";
import { BsdRandom } from "./builtins-num.js";
import type { FuncInfo } from "./compile.js";
import { AwkFatal, LINE_BASE, type SourceText } from "./diagnostics.js";
import { AwkIO } from "./io.js";
import { parseFieldWidths, scanFieldWidths, type Splitter } from "./fields.js";
import { formatNumber, type FormatHost } from "./format.js";
import type { RecordSep } from "./records.js";
import { RegexCache, type CompiledRegex } from "./regex.js";
import { FieldState, PureStr } from "./record.js";
import { numToStr, scanNumber, scannedWhole, scanRange, Strnum, toNum, type Value } from "./values.js";

/** A string assigned to a field by the program (not input, so never a strnum). */
const INVALID_BYTE = /[\uDC80-\uDCFF]/;

/** Special variables whose assignment has side effects or whose value is computed. */
export const HOOKED = new Set([
  "NF", "NR", "FNR", "FS", "OFS", "ORS", "RS", "SUBSEP", "CONVFMT", "OFMT", "IGNORECASE",
  "FIELDWIDTHS", "FPAT",
]);


export class Runtime implements FormatHost {
  /** Global variables by slot (scalars or arrays). */
  g: Array<Value | AwkArray> = [];
  /** The running function's parameters and locals. */
  frame: Array<Value | AwkArray> = [];
  /** Values of awaited subexpressions (compile-async.ts), innermost last. */
  temps: Value[][] = [];
  funcs: Map<string, FuncInfo> | null = null;
  readonly io: AwkIO;
  private rng: BsdRandom | null = null;
  /** The last srand() seed (gawk 5.2 reports 1 before any srand). */
  seed = 1;
  /** Nesting of synchronous function calls: nothing may wait inside one. */
  syncDepth = 0;
  /** Source line of the statement running (for messages). */
  line = 0;
  /** The key a for-in loop is assigning. */
  loopKey = "";
  /** Reads the next record of the main input (set by the driver); null at the end. */
  readMain: () => Promise<string | null> = async () => null;
  readonly slots = new Map<string, number>();
  readonly regex: RegexCache;

  /** The record and its fields. */
  private readonly fs = new FieldState({ k: "space", newline: false });

  // Special variables, as assigned and as used.
  private fsValue: Value = " ";
  private splitMode: "fs" | "widths" | "fpat" = "fs";
  private fpatValue: Value = "[^[:space:]]+";
  private fieldwidthsValue: Value = "";
  private rsValue: Value = "\n";
  rsMode: RecordSep = { k: "char", c: "\n" };
  ofsValue: Value = " ";
  ofs = " ";
  orsValue: Value = "\n";
  ors = "\n";
  subsepValue: Value = "\x1c";
  subsep = "\x1c";
  convfmtValue: Value = "%.6g";
  convfmt = "%.6g";
  ofmtValue: Value = "%.6g";
  ofmt = "%.6g";
  icValue: Value = 0;
  ic = false;
  nr = 0;
  fnr = 0;

  /** Return value of the function call being unwound. */
  retval: Value = undefined;
  exitStatus = 0;
  /** The line of the statement running, for messages (set by fatal paths). */
  sources: SourceText[] = [];
  prog = "awk";
  /** Whether a record has been read (messages then name FILENAME and FNR). */
  inputStarted = false;

  /** The session's maxArrayElements, given to every array the program makes. */
  readonly maxArrayElements: number;

  constructor(readonly ctx: CommandContext) {
    this.maxArrayElements = ctx.budget.limits.maxArrayElements ?? Infinity;
    this.regex = new RegexCache(ctx.budget);
    this.io = new AwkIO(ctx);
  }

  get random(): BsdRandom {
    return (this.rng ??= new BsdRandom(1));
  }

  // ---- messages --------------------------------------------------------

  /** "awk: cmd. line:3: (FILENAME=x FNR=2) " for a message about source line `line`. */
  where(line: number): string {
    let s = `${this.prog}: `;
    const src = this.sources[Math.floor(line / LINE_BASE)];
    const ln = line % LINE_BASE;
    if (src && ln > 0) s += `${src.name}:${ln}: `;
    if (this.fnr > 0) {
      const f = this.g[this.slot("FILENAME")];
      s += `(FILENAME=${this.str(f instanceof AwkArray ? "" : f) || "-"} FNR=${this.fnr}) `;
    }
    return s;
  }

  warn(message: string, line = 0): void {
    this.ctx.stderr.write(`${this.where(line)}warning: ${message}\n`);
  }

  private mbWarned = false;

  /** gawk warns once when a string function meets bytes that are not valid UTF-8. */
  mbCheck(s: string): string {
    if (!this.mbWarned && INVALID_BYTE.test(s)) {
      this.mbWarned = true;
      this.warn("Invalid multibyte data detected. There may be a mismatch between your data and your locale", this.line);
    }
    return s;
  }

  /** PROCINFO[key] without creating it. */
  procinfo(key: string): Value {
    const p = this.g[this.slot("PROCINFO")];
    const v = p instanceof AwkArray ? p.peek(key) : undefined;
    return v instanceof AwkArray ? undefined : v;
  }

  // ---- variables -------------------------------------------------------

  slot(name: string): number {
    let s = this.slots.get(name);
    if (s === undefined) {
      s = this.g.length;
      this.slots.set(name, s);
      this.g.push(undefined);
    }
    return s;
  }

  /** The array in a global slot, creating it when the variable is untyped. */
  arrayAt(slot: number, name: string): AwkArray {
    const v = this.g[slot];
    if (v instanceof AwkArray) return v;
    if (v === undefined) {
      const a = new AwkArray(name, this.maxArrayElements);
      this.g[slot] = a;
      return a;
    }
    throw new AwkFatal(`attempt to use scalar \`${name}' as an array`);
  }

  scalarError(name: string): never {
    throw new AwkFatal(`attempt to use array \`${name}' in a scalar context`);
  }

  // ---- conversions -----------------------------------------------------

  num(v: Value): number {
    return toNum(v);
  }

  /** String value (numbers through CONVFMT). */
  str(v: Value): string {
    if (typeof v === "string") return v;
    if (typeof v === "number") return numToStr(v, this.convfmt, this.fmtNum);
    if (v === undefined) return "";
    return v.s;
  }

  /** Output value (numbers through OFMT). */
  outStr(v: Value): string {
    if (typeof v === "string") return v;
    if (typeof v === "number") return numToStr(v, this.ofmt, this.fmtNum);
    if (v === undefined) return "";
    return v.s;
  }

  readonly fmtNum = (fmt: string, n: number): string => formatNumber(fmt, n, this);

  checkLength(n: number): void {
    this.ctx.budget.checkString(n);
  }

  /** An array subscript: integers print as integers, other numbers through CONVFMT. */
  key(v: Value): string {
    if (typeof v === "string") return v;
    if (typeof v === "number") {
      if (Number.isInteger(v) && v > -1e15 && v < 1e15) return String(v === 0 ? 0 : v);
      return numToStr(v, this.convfmt, this.fmtNum);
    }
    if (v === undefined) return "";
    return v.s;
  }

  // ---- the record ------------------------------------------------------

  /** Installs a new record ($0), to be split on first use. */
  setRecord(s: string): void {
    this.fs.reset(s);
  }

  get record(): string {
    return this.fs.text;
  }

  getNF(): number {
    return this.fs.nf();
  }

  setNF(v: Value): void {
    let n = Math.trunc(toNum(v));
    if (n < 0) throw new AwkFatal(`NF set to negative value`);
    if (n > 10000000) n = 10000000;
    this.fs.setCount(n);
    this.rebuild();
  }

  private checkIndex(i: number): number {
    const n = Math.trunc(i);
    if (n < 0 || n !== n) throw new AwkFatal(`attempt to access field ${n !== n ? "-nan" : n}`);
    return n;
  }

  /** $i as a value. */
  field(i: number): Value {
    if (i !== 1 && i !== 2) i = this.checkIndex(i);
    if (i === 0) return new Strnum(this.fs.text);
    // A field past NF is gawk's null field: the empty string, compared as a string.
    if (!this.fs.has(i)) return "";
    const f = this.fs.cell(i);
    if (typeof f === "string") return new Strnum(f);
    if (f instanceof PureStr) return f.s;
    return f;
  }

  /** Whether field i exists (for typeof). */
  hasField(i: number): boolean {
    return i === 0 || this.fs.has(this.checkIndex(i));
  }

  /** $i as a string. */
  fieldStr(i: number): string {
    if (i !== 1 && i !== 2) i = this.checkIndex(i);
    if (i === 0) return this.fs.text;
    if (!this.fs.has(i)) return "";
    const f = this.fs.cell(i);
    if (typeof f === "string") return f;
    if (f instanceof PureStr) return f.s;
    return this.str(f);
  }

  /** $i as a number. */
  fieldNum(i: number): number {
    if (i !== 1 && i !== 2) i = this.checkIndex(i);
    if (i === 0) return scanNumber(this.fs.text);
    if (!this.fs.has(i)) return 0;
    const fs = this.fs;
    if (fs.raw(i)) return scanRange(fs.text, fs.starts[i], fs.ends[i]);
    const f = fs.cell(i);
    if (typeof f === "string") return scanNumber(f);
    if (f instanceof PureStr) return scanNumber(f.s);
    return toNum(f);
  }

  /** $i's number when it compares as a number (looks numeric, or is one), else NaN-free null. */
  fieldNumeric(i: number): number | null {
    if (i !== 1 && i !== 2) i = this.checkIndex(i);
    if (i === 0) {
      const n = scanNumber(this.fs.text);
      return scannedWhole() ? n : null;
    }
    if (!this.fs.has(i)) return null;
    const fs = this.fs;
    if (fs.raw(i)) {
      const n = scanRange(fs.text, fs.starts[i], fs.ends[i]);
      return scannedWhole() ? n : null;
    }
    const f = fs.cell(i);
    if (typeof f === "string") {
      const n = scanNumber(f);
      return scannedWhole() ? n : null;
    }
    if (typeof f === "number") return f;
    if (f === undefined) return 0;
    if (f instanceof PureStr) return null;
    return f.isNum ? f.n : null;
  }

  /** $i for print: like fieldStr, but a number assigned to the field goes through OFMT. */
  fieldOut(i: number): string {
    if (i !== 1 && i !== 2) i = this.checkIndex(i);
    if (i === 0) return this.fs.text;
    if (!this.fs.has(i)) return "";
    const f = this.fs.cell(i);
    if (typeof f === "string") return f;
    if (f instanceof PureStr) return f.s;
    return this.outStr(f);
  }

  setField(i: number, v: Value): void {
    i = this.checkIndex(i);
    if (i === 0) {
      this.setRecord(this.str(v));
      return;
    }
    this.fs.store(i, typeof v === "string" ? new PureStr(v) : v);
    this.rebuild();
  }

  /** Rebuilds $0 from the fields with OFS (numbers through CONVFMT). */
  private rebuild(): void {
    const n = this.fs.count;
    let s = "";
    for (let i = 1; i <= n; i++) {
      if (i > 1) s += this.ofs;
      const c = this.fs.cell(i);
      s += typeof c === "string" ? c : c instanceof PureStr ? c.s : this.str(c);
    }
    this.fs.text = s;
  }

  /** Splits the current record now if FS is about to change (the old FS applies to it). */
  private settleFields(): void {
    this.fs.nf();
  }

  // ---- special variables -----------------------------------------------

  getSpecial(name: string): Value {
    switch (name) {
      case "NF": return this.getNF();
      case "NR": return this.nr;
      case "FNR": return this.fnr;
      case "FS": return this.fsValue;
      case "OFS": return this.ofsValue;
      case "ORS": return this.orsValue;
      case "RS": return this.rsValue;
      case "SUBSEP": return this.subsepValue;
      case "CONVFMT": return this.convfmtValue;
      case "OFMT": return this.ofmtValue;
      case "IGNORECASE": return this.icValue;
      case "FIELDWIDTHS": return this.fieldwidthsValue;
      case "FPAT": return this.fpatValue;
    }
    return undefined;
  }

  setSpecial(name: string, v: Value): void {
    switch (name) {
      case "NF": this.setNF(v); return;
      case "NR": this.nr = Math.trunc(toNum(v)); return;
      case "FNR": this.fnr = Math.trunc(toNum(v)); return;
      case "FS":
        this.settleFields();
        this.fsValue = v;
        this.splitMode = "fs";
        this.updateSplitter();
        return;
      case "FIELDWIDTHS": {
        this.settleFields();
        this.fieldwidthsValue = v;
        const w = scanFieldWidths(this.str(v));
        if (typeof w === "string") throw new AwkFatal(w);
        this.splitMode = "widths";
        this.updateSplitter();
        return;
      }
      case "FPAT":
        this.settleFields();
        this.fpatValue = v;
        this.splitMode = "fpat";
        this.updateSplitter();
        return;
      case "OFS": this.ofsValue = v; this.ofs = this.str(v); return;
      case "ORS": this.orsValue = v; this.ors = this.str(v); return;
      case "SUBSEP": this.subsepValue = v; this.subsep = this.str(v); return;
      case "CONVFMT": this.convfmtValue = v; this.convfmt = this.str(v); return;
      case "OFMT": this.ofmtValue = v; this.ofmt = this.str(v); return;
      case "RS": this.rsValue = v; this.updateRecordSep(); return;
      case "IGNORECASE": {
        this.icValue = v;
        const ic = typeof v === "number" ? v !== 0 : this.str(v) !== "" && !(v instanceof Strnum && v.isNum && v.n === 0);
        this.ic = ic;
        this.updateSplitter();
        this.updateRecordSep();
        return;
      }
    }
  }

  private updateSplitter(): void {
    // PROCINFO["FS"] names the field-splitting mechanism in effect.
    const proc = this.g[this.slot("PROCINFO")];
    if (proc instanceof AwkArray) proc.put("FS", this.splitMode === "widths" ? "FIELDWIDTHS" : this.splitMode === "fpat" ? "FPAT" : "FS");
    const para = this.rsMode.k === "para";
    if (this.splitMode === "widths") {
      this.fs.splitter = { k: "widths", widths: parseFieldWidths(this.str(this.fieldwidthsValue)) ?? [] };
      return;
    }
    if (this.splitMode === "fpat") {
      this.fs.splitter = { k: "fpat", re: this.regex.get(this.str(this.fpatValue), this.ic) };
      return;
    }
    const fs = this.str(this.fsValue);
    if (fs === " ") this.fs.splitter = { k: "space", newline: para };
    else if (fs === "") this.fs.splitter = { k: "chars" };
    else if (fs.length === 1) {
      this.fs.splitter = { k: "char", c: fs, newline: para };
    } else {
      // In paragraph mode a newline separates fields only for one-character FS values.
      this.fs.splitter = { k: "regex", re: this.regex.get(fs, this.ic) };
    }
  }

  private updateRecordSep(): void {
    const rs = this.str(this.rsValue);
    const wasPara = this.rsMode.k === "para";
    if (rs === "") this.rsMode = { k: "para" };
    else if (rs.length === 1) this.rsMode = { k: "char", c: rs };
    else this.rsMode = { k: "regex", re: this.regex.get(rs, this.ic) };
    if (wasPara !== (this.rsMode.k === "para")) this.updateSplitter();
  }

  /** A regex used as a dynamic pattern (string value) or literal. */
  re(source: string): CompiledRegex {
    return this.regex.get(source, this.ic);
  }

  /** The splitter split() uses for a separator string (same rules as FS). */
  splitterFor(fs: string): Splitter {
    if (fs === " ") return { k: "space", newline: false };
    if (fs === "") return { k: "chars" };
    if (fs.length === 1) return { k: "char", c: fs, newline: false };
    return { k: "regex", re: this.regex.get(fs, this.ic) };
  }

  /** What split(s, a) uses: FS (not FIELDWIDTHS or FPAT). */
  fieldSplitter(): Splitter {
    return this.splitterFor(this.str(this.fsValue));
  }
}
