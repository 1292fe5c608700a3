/**
 * Durations as sleep and timeout read them (GNU coreutils 9.1): a C strtod
 * number (decimal, hex, inf; leading blanks) with an optional single s, m, h
 * or d suffix; and waiting that long in the sandbox, awake to the budget's
 * deadline and the abort signal.
 */
import type { CommandContext } from "../types.js";

const SPACE = /^[ \t\n\v\f\r]*/;

/** C strtod over a prefix of `text`: the value and where parsing stopped, or null when nothing converts. */
export function strtodPrefix(text: string): { value: number; end: number } | null {
  const lead = SPACE.exec(text)![0].length;
  let i = lead;
  let sign = 1;
  if (text[i] === "+" || text[i] === "-") {
    if (text[i] === "-") sign = -1;
    i++;
  }
  const rest = text.slice(i);
  const special = /^(infinity|inf|nan(\([0-9A-Za-z_]*\))?)/i.exec(rest);
  if (special) {
    const v = special[1].toLowerCase().startsWith("nan") ? NaN : Infinity;
    return { value: sign * v, end: i + special[0].length };
  }
  const hex = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?/.exec(rest);
  if (hex && (hex[1] || hex[2])) {
    let end = i + hex[0].length;
    const frac = hex[2] ?? "";
    let v = Number.parseInt(hex[1] + frac || "0", 16) * 2 ** (-4 * frac.length);
    const exp = /^[pP]([+-]?\d+)/.exec(text.slice(end));
    if (exp) {
      v *= 2 ** Number(exp[1]);
      end += exp[0].length;
    }
    return { value: sign * v, end };
  }
  const dec = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(rest);
  if (!dec) return null;
  return { value: sign * Number(dec[0]), end: i + dec[0].length };
}

const SUFFIX_SECONDS: Record<string, number> = { "": 1, s: 1, m: 60, h: 3600, d: 86400 };

/** NUMBER[SUFFIX] in seconds, or null when GNU would call it an invalid time interval. */
export function parseDuration(text: string): number | null {
  const n = strtodPrefix(text);
  if (!n || !(n.value >= 0)) return null;
  const suffix = text.slice(n.end);
  if (suffix.length > 1 || !Object.hasOwn(SUFFIX_SECONDS, suffix)) return null;
  return n.value * SUFFIX_SECONDS[suffix];
}

/** setTimeout's longest delay; longer waits are chained. */
const MAX_TIMER = 2 ** 31 - 1;

/** Calls `fire` after ms (Infinity: never); returns a cancel function. */
export function after(ms: number, fire: () => void): () => void {
  if (ms === Infinity) return () => {};
  let timer: ReturnType<typeof setTimeout>;
  const end = Date.now() + ms;
  const arm = (left: number) => {
    timer = setTimeout(() => {
      const now = Date.now();
      if (now < end && end - now > MAX_TIMER / 2) arm(end - now);
      else fire();
    }, Math.min(Math.max(0, left), MAX_TIMER));
  };
  arm(ms);
  return () => clearTimeout(timer);
}

/** How often a long wait looks at the budget (a pipeline stage that tripped a limit, timeout's deadline). */
const POLL_MS = 100;

/**
 * Waits `ms` milliseconds. Past the budget's deadline it throws the time limit
 * (at the deadline, not before), and it throws at once when the exec is aborted.
 */
export async function pause(ctx: CommandContext, ms: number): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    ctx.budget.checkTime();
    const left = end - Date.now();
    if (left <= 0) return;
    // One past the deadline, so checkTime sees it passed.
    const slice = Math.min(left, POLL_MS, ctx.budget.remainingMs() + 1);
    await new Promise<void>((resolve) => {
      const signal = ctx.signal;
      const onAbort = () => {
        cancel();
        resolve();
      };
      const cancel = after(slice, () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      });
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
}
