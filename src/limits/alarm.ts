/**
 * One host timer for the deadlines of every exec in flight. Arming and clearing a
 * setTimeout per exec cost ~10% of a warm `echo hi`; here the timer stays armed for
 * the nearest deadline while execs come and go. With no exec waiting it is unref'd
 * (so a Node process can exit) where the runtime has unref, else cleared.
 */

interface Alarm {
  /** Date.now() at or after which `fire` runs. */
  at: number;
  fire: () => void;
}

type HostTimer = ReturnType<typeof setTimeout> & { ref?: () => unknown; unref?: () => unknown };

const MAX_DELAY = 2 ** 31 - 1;
const waiting = new Set<Alarm>();
let timer: HostTimer | undefined;
/** When `timer` fires (Infinity: none armed). */
let timerAt = Infinity;
let timerRefd = false;

/** Calls `fire` at Date.now() >= at unless cancelled first (the returned function). */
export function setAlarm(at: number, fire: () => void): () => void {
  const alarm: Alarm = { at, fire };
  waiting.add(alarm);
  if (at < timerAt) arm(at);
  else if (!timerRefd) {
    timer!.ref?.();
    timerRefd = true;
  }
  return () => {
    if (!waiting.delete(alarm) || waiting.size) return;
    // Nothing waits: the armed timer must not hold the host's event loop open.
    if (typeof timer?.unref === "function") {
      timer.unref();
      timerRefd = false;
    } else disarm();
  };
}

function arm(at: number): void {
  disarm();
  timerAt = at;
  // Capped at the host's largest delay (a longer one fires at once); ring() re-arms.
  timer = setTimeout(ring, Math.min(MAX_DELAY, Math.max(0, at - Date.now()))) as HostTimer;
  timerRefd = true;
}

function disarm(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  timerAt = Infinity;
  timerRefd = false;
}

function ring(): void {
  timer = undefined;
  timerAt = Infinity;
  timerRefd = false;
  const now = Date.now();
  let next = Infinity;
  const due: Alarm[] = [];
  for (const a of waiting) {
    // A host timer may fire a millisecond early: that counts as on time.
    if (a.at <= now + 1) due.push(a);
    else if (a.at < next) next = a.at;
  }
  for (const a of due) waiting.delete(a);
  if (next !== Infinity) arm(next);
  for (const a of due) a.fire();
}
