import type { ArrayElement, Assignment, Word, WordPart } from "./ast.js";
import { ArrayAssignParseError, ParseError } from "./errors.js";
import * as parseWord from "./parse-word.js";
import { SubstParser } from "./parse-subst.js";
import * as scanner from "./scanner.js";

// Bound once at load: where modules are compiled one by one (tsx, vitest), every use of an imported
// name is a getter call on the module object, which cost about a tenth of the parse time.
const { NORMAL, SUBSCRIPT } = parseWord;
const { fit, isMeta } = scanner;

/**
 * Assignments: `name=value`, `name+=value`, `name[i]=value` and the compound
 * `name=( ... )`, whose syntax errors drop only their own line as in bash.
 */
export abstract class AssignParser extends SubstParser {
  protected abstract syntaxError(token: string, pos?: number): ParseError;
  protected abstract peekTokenText(): string;
  /** Consumes one newline and reads any here-document bodies queued on its line (CommandParser). */
  protected abstract consumeNewline(): void;

  /** name=value, name+=value, name[i]=value, name=(...) at the cursor, or null. */
  protected tryAssignment(): Assignment | null {
    const s = this.src;
    const start = this.pos;
    // Scan a name by hand: this runs for every command word, so no slicing or regex.
    let i = start;
    let c = s.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95)) return null;
    for (i++; i < s.length; i++) {
      c = s.charCodeAt(i);
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 48 && c <= 57))) break;
    }
    if (c !== 61 && c !== 91 && c !== 43) return null;
    const m = [s.slice(start, i)];
    let index: Word | null = null;
    if (s[i] === "[") {
      let depth = 0;
      let j = i;
      for (; j < s.length; j++) {
        const c = s[j];
        if (c === "\\") { j++; continue; }
        if (c === "[") depth++;
        else if (c === "]" && --depth === 0) break;
        else if (c === "\n") return null;
      }
      if (j >= s.length) return null;
      const after = s[j + 1] === "+" ? s[j + 2] : s[j + 1];
      if (after !== "=") return null;
      this.pos = i + 1;
      const ws = this.pos;
      const parts = this.readParts(SUBSCRIPT, false);
      index = { pos: ws, end: this.pos, parts };
      i = this.pos + 1;
    }
    let append = false;
    if (s[i] === "+" && s[i + 1] === "=") {
      append = true;
      i++;
    }
    if (s[i] !== "=") {
      this.pos = start;
      return null;
    }
    this.pos = i + 1;
    const name = m[0];
    if (s[this.pos] === "(") {
      const open = this.pos++;
      let array: ArrayElement[];
      try {
        array = this.parseArrayElements(open);
      } catch (e) {
        if (!(e instanceof ParseError) || e.message === "maximum nesting depth exceeded") throw e;
        // bash drops the rest of the line the error is on and reads on from the next.
        throw new ArrayAssignParseError(e, this.nextLineAfter(Math.min(e.pos, this.src.length)));
      }
      const next = this.peek();
      if (next === "" || isMeta(next)) return { pos: start, end: this.pos, name, index, append, value: null, array };
      const value = this.compoundAsScalar(open, array);
      return { pos: start, end: this.pos, name, index, append, value, array: null };
    }
    const value = this.readAssignValue();
    return { pos: start, end: this.pos, name, index, append, value, array: null };
  }

  /**
   * `a=(1 2)x`: text right after the `)` makes the word a plain assignment, as in bash, whose
   * value is the elements between single blanks in parentheses, then the rest: "(1 2)x".
   */
  private compoundAsScalar(open: number, array: ArrayElement[]): Word {
    const lit = (value: string): WordPart => ({ type: "Literal", pos: open, end: open, value });
    const parts: WordPart[] = [lit("(")];
    array.forEach((e, i) => {
      if (i > 0) parts.push(lit(" "));
      if (e.index) parts.push(lit("["), ...e.index.parts, lit(e.append ? "]+=" : "]="));
      parts.push(...e.value.parts);
    });
    parts.push(lit(")"), ...this.readAssignValue().parts);
    return { pos: open, end: this.pos, parts };
  }

  private nextLineAfter(pos: number): number {
    const nl = this.src.indexOf("\n", pos);
    return nl < 0 ? this.src.length : nl + 1;
  }

  /** Elements of a compound assignment up to `)`: words or [k]=v. */
  private parseArrayElements(open: number): ArrayElement[] {
    const out: ArrayElement[] = [];
    for (;;) {
      this.skipBlanksAndComment();
      const c = this.peek();
      if (c === "") throw this.eofError(")", open);
      if (c === "\n") {
        this.consumeNewline();
        continue;
      }
      if (c === ")") {
        this.pos++;
        return fit(out);
      }
      if (c === "[") {
        const save = this.pos;
        this.pos++;
        const ws = this.pos;
        const parts = this.readParts(SUBSCRIPT, false);
        if (this.peek() === "]" && (this.peek(1) === "=" || (this.peek(1) === "+" && this.peek(2) === "="))) {
          const append = this.peek(1) === "+";
          this.pos += append ? 3 : 2;
          const value = this.readAssignValue();
          out.push({ index: { pos: ws, end: this.pos, parts }, append, value });
          continue;
        }
        this.pos = save;
      }
      const w = this.readWord(NORMAL);
      if (!w) throw this.syntaxError(this.peekTokenText());
      out.push({ index: null, append: false, value: w });
    }
  }
}
