/**
 * Signal names and numbers as Linux numbers them and gnulib's sig2str /
 * coreutils' operand2sig read them (timeout -s, env --*-signal).
 */

/** Linux x86-64 signals in number order (aliases after their main name). */
export const SIGNALS: ReadonlyArray<readonly [string, number]> = [
  ["EXIT", 0], ["HUP", 1], ["INT", 2], ["QUIT", 3], ["ILL", 4], ["TRAP", 5], ["ABRT", 6], ["IOT", 6],
  ["BUS", 7], ["FPE", 8], ["KILL", 9], ["USR1", 10], ["SEGV", 11], ["USR2", 12], ["PIPE", 13],
  ["ALRM", 14], ["TERM", 15], ["STKFLT", 16], ["CHLD", 17], ["CLD", 17], ["CONT", 18], ["STOP", 19],
  ["TSTP", 20], ["TTIN", 21], ["TTOU", 22], ["URG", 23], ["XCPU", 24], ["XFSZ", 25], ["VTALRM", 26],
  ["PROF", 27], ["WINCH", 28], ["IO", 29], ["POLL", 29], ["PWR", 30], ["SYS", 31],
];

const RTMIN = 34;
const RTMAX = 64;

/** sig2str: the name of a signal number (without SIG), or null when it has none. */
export function signalName(n: number): string | null {
  const named = SIGNALS.find(([, num]) => num === n);
  if (named) return named[0];
  if (n < RTMIN || n > RTMAX) return null;
  const fromMin = n - RTMIN;
  const fromMax = RTMAX - n;
  if (fromMin === 0) return "RTMIN";
  if (fromMax === 0) return "RTMAX";
  return fromMin <= fromMax ? `RTMIN+${fromMin}` : `RTMAX-${fromMax}`;
}

function byName(name: string): number | null {
  const named = SIGNALS.find(([n]) => n === name);
  if (named) return named[1];
  const rt = /^RT(MIN|MAX)(?:([+-])(\d+))?$/.exec(name);
  if (!rt) return null;
  const offset = rt[3] ? Number(rt[3]) * (rt[2] === "-" ? -1 : 1) : 0;
  const n = (rt[1] === "MIN" ? RTMIN : RTMAX) + offset;
  if ((rt[1] === "MIN" && offset < 0) || (rt[1] === "MAX" && offset > 0) || n < RTMIN || n > RTMAX) return null;
  return n;
}

/**
 * operand2sig: a signal number (exit statuses 128+N name signal N), or a
 * name in any case with or without "SIG"; null when invalid.
 */
export function signalNumber(operand: string): number | null {
  let n: number | null;
  if (/^[0-9]/.test(operand)) {
    if (!/^\d+$/.test(operand) || operand.length > 10) return null;
    const i = Number(operand);
    // WIFSIGNALED(i) ? WTERMSIG(i) : i
    const low = i & 0x7f;
    n = low !== 0 && low !== 0x7f ? low : i;
  } else {
    const up = operand.toUpperCase();
    n = byName(up) ?? (up.startsWith("SIG") ? byName(up.slice(3)) : null);
  }
  return n !== null && signalName(n) !== null ? n : null;
}
