/**
 * Hostile input: every case must come back (no hang, no host crash), with the
 * expected status and message, and leave the instance usable. Limits are set
 * low so the suite stays fast; the vitest timeout is the backstop for a hang.
 */
import { describe, expect, it } from "vitest";
import { Bash, defineCommand, type Limits } from "../../src/index.js";

interface HostileCase {
  name: string;
  script: string;
  limits?: Partial<Limits>;
  /** Exit status expected (omit to accept any non-zero). */
  status?: number;
  stderr?: RegExp;
  stdout?: RegExp;
  stdin?: string;
}

const FAST: Partial<Limits> = { timeoutMs: 1500, maxSteps: 200_000, maxOutputBytes: 1 << 20 };
const TIME = /sandbash: time limit exceeded \(timeoutMs=\d+\)/;
const STEPS = /sandbash: step limit exceeded \(maxSteps=\d+\)/;
const TIME_OR_STEPS = /sandbash: (time|step) limit exceeded/;
const OUTPUT = /sandbash: output limit exceeded \(maxOutputBytes=\d+\)/;
const DEPTH = /sandbash: maximum call depth exceeded/;

const loops: HostileCase[] = [
  { name: "while true", script: "while true; do :; done", stderr: TIME_OR_STEPS },
  { name: "until false", script: "until false; do :; done", stderr: TIME_OR_STEPS },
  { name: "for (( ;; ))", script: "for ((;;)); do :; done", stderr: TIME_OR_STEPS },
  { name: "for over huge brace-free seq", script: "for i in $(seq 1 100000000); do :; done", stderr: TIME_OR_STEPS },
  { name: "while read from yes", script: "yes | while read l; do :; done", stderr: TIME_OR_STEPS },
  { name: "arith loop no step limit", script: "i=0; while :; do ((i++)); done", limits: { timeoutMs: 500, maxSteps: Infinity }, stderr: TIME, status: 124 },
  { name: "step limit exact", script: "while :; do :; done", limits: { timeoutMs: Infinity, maxSteps: 5000 }, stderr: STEPS, status: 125 },
  { name: "infinite recursion", script: "f() { f; }; f", stderr: DEPTH, status: 125 },
  { name: "mutual recursion", script: "a() { b; }; b() { a; }; a", stderr: DEPTH },
  { name: "recursion through substitution", script: "f() { echo $(f); }; f", stderr: DEPTH },
  { name: "recursion through eval", script: "f() { eval f; }; f", stderr: DEPTH },
  { name: "recursion through subshell", script: "f() { (f); }; f", stderr: DEPTH },
  { name: "recursion through child bash", script: "echo 'bash r.sh' > r.sh; bash r.sh", stderr: DEPTH },
  { name: "recursion through source", script: "echo '. ./r.sh' > r.sh; . ./r.sh", stderr: DEPTH },
  { name: "fork bomb", script: ":(){ :|:& };:", stderr: /sandbash: / },
  { name: "background loop", script: "while :; do :; done & wait", stderr: TIME_OR_STEPS },
  { name: "sleep past deadline", script: "sleep 100", limits: { timeoutMs: 300 }, stderr: TIME, status: 124 },
  { name: "reader of a pipe its own shell holds open", script: "coproc T { tr a-z A-Z; }; echo abc >&${T[1]}; cat <&${T[0]}", limits: { timeoutMs: 300 }, stderr: TIME, status: 124 },
  { name: "process substitution deadlock", script: "exec 3> >(cat); wait", limits: { timeoutMs: 300 }, stderr: TIME, status: 124 },
  { name: "trap loop on exit", script: "trap 'while :; do :; done' EXIT; exit 0", stderr: TIME_OR_STEPS },
];

const floods: HostileCase[] = [
  { name: "yes to stdout", script: "yes", stderr: OUTPUT, status: 125 },
  { name: "cat /dev/zero to stdout", script: "cat /dev/zero", stderr: OUTPUT },
  { name: "urandom to stdout", script: "head -c 100000000 /dev/urandom", stderr: OUTPUT },
  { name: "echo in a loop", script: "while :; do echo flood; done", stderr: /sandbash: (output|step|time) limit exceeded/ },
  { name: "stderr flood", script: "while :; do echo flood >&2; done", stderr: /sandbash: (output|step|time) limit exceeded/ },
  { name: "yes into /dev/null", script: "yes > /dev/null", stderr: TIME_OR_STEPS },
  { name: "cat /dev/zero into wc", script: "cat /dev/zero | wc -c", stderr: TIME_OR_STEPS },
  { name: "yes into a file", script: "yes > big.txt", limits: { ...FAST, maxFileSystemBytes: 1 << 20 }, stderr: /No space left on device|limit exceeded/ },
  { name: "many files", script: "for i in $(seq 1 5000); do : > f$i || exit 3; done", limits: { ...FAST, maxFileCount: 200, maxSteps: Infinity }, stderr: /No space left on device/ },
  { name: "brace bomb", script: "echo {1..100000000}", stderr: /brace expansion|limit exceeded/ },
  { name: "nested brace bomb", script: "echo {a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}", stderr: /brace expansion|limit exceeded/ },
  { name: "string doubling", script: "x=a; while :; do x=$x$x; done", limits: { ...FAST, maxStringLength: 1 << 20 }, stderr: /sandbash: (string length|time|step) limit exceeded/ },
  { name: "array growth", script: "a=(); while :; do a+=(x); done", stderr: TIME_OR_STEPS },
  { name: "printf width bomb", script: "printf '%999999999s' x", stderr: /sandbash: |printf/ },
  { name: "here-string of a huge variable", script: "x=$(head -c 3000000 /dev/zero | tr '\\0' a); cat <<< \"$x\" | wc -c", limits: { ...FAST, maxStringLength: 1 << 20 }, stderr: /limit exceeded/ },
];

const regex: HostileCase[] = [
  { name: "grep nested quantifier", script: "printf 'a%.0s' {1..30000} > f; echo '!' >> f; grep -cE '(a+)+$' f", status: 1, stdout: /^0\n$/ },
  { name: "grep alternation blowup", script: "printf 'a%.0s' {1..30000} > f; echo '!' >> f; grep -cE '(a|aa)+$' f", status: 1 },
  { name: "grep x+x+y", script: "printf 'x%.0s' {1..20000} > f; echo >> f; grep -cE '(x+x+)+y' f", status: 1 },
  { name: "sed nested quantifier", script: "printf 'a%.0s' {1..20000} > f; echo '!' >> f; sed -E 's/(a+)+$/X/' f | wc -c", status: 0, stdout: /20002/ },
  { name: "[[ =~ ]] nested quantifier", script: "x=$(printf 'a%.0s' {1..20000})!; [[ $x =~ (a+)+$ ]]; echo $?", stdout: /^1\n$/, status: 0 },
  { name: "awk nested quantifier", script: "printf 'a%.0s' {1..20000} > f; echo '!' >> f; awk '/(a+)+$/{n++} END{print n+0}' f", stdout: /^0\n$/, status: 0 },
  { name: "back-reference bounded", script: "printf 'a%.0s' {1..5000} > f; echo b >> f; grep -cE '^(a*)*\\1\\1b$' f", stderr: /./ },
];

const nesting: HostileCase[] = [
  { name: "deep subshell nesting", script: "(".repeat(100_000) + "echo x" + ")".repeat(100_000), stderr: /./ },
  { name: "deep substitution nesting", script: "echo " + "$(".repeat(50_000) + "echo x" + ")".repeat(50_000), stderr: /./ },
  { name: "deep arithmetic nesting", script: "echo $((" + "(".repeat(100_000) + "1" + ")".repeat(100_000) + "))", stderr: /./ },
  { name: "deep brace group nesting", script: "{ ".repeat(50_000) + "echo x; " + "}; ".repeat(50_000), stderr: /./ },
  { name: "deep if nesting", script: "if true; then ".repeat(20_000) + "echo x; " + "fi; ".repeat(20_000), stderr: /./ },
  { name: "deep parameter nesting", script: "echo " + "${x:-".repeat(50_000) + "y" + "}".repeat(50_000), stderr: /./ },
  { name: "deep [[ ]] nesting", script: "[[ " + "( ".repeat(50_000) + "a" + " )".repeat(50_000) + " ]]", stderr: /./ },
  { name: "unterminated everything", script: "echo \"$(echo '${x:-`", status: 2, stderr: /unexpected EOF/ },
];

const bytes: HostileCase[] = [
  { name: "NUL bytes in data", script: "printf 'a\\0b\\0c' | wc -c", stdout: /^5\n$/, status: 0 },
  { name: "NUL in command substitution", script: "x=$(printf 'a\\0b'); echo ${#x}", stdout: /^2\n$/, stderr: /ignored null byte/, status: 0 },
  { name: "invalid UTF-8 round trip", script: "printf '\\xff\\xfe\\x80' | wc -c", stdout: /^3\n$/, status: 0 },
  { name: "invalid UTF-8 in script", script: "echo \udcff\udcfe | wc -c", stdout: /^3\n$/, status: 0 },
  { name: "control characters in names", script: "x=$'\\x01\\x02'; echo ${#x}", stdout: /^2\n$/, status: 0 },
];

const escapes: HostileCase[] = [
  { name: "no host environment", script: "env | grep -c -E '^(NODE|npm_|PWD=/work|AWS|HOSTNAME=(?!sandbox))' ; echo", stdout: /^0\n\n$/, status: 0 },
  { name: "sandbox identity", script: "whoami; hostname; echo $HOME $USER; id -u", stdout: /^user\nsandbox\n\/home\/user user\n1000\n$/, status: 0 },
  { name: "no host files", script: "cat /etc/shadow; ls /work; ls /root", status: 2 },
  { name: "dot-dot stays inside", script: "cd /; cd ../../..; pwd; cat ../../etc/hostname", stdout: /^\/\nsandbox\n$/, status: 0 },
  { name: "no network command", script: "curl https://example.com", status: 127, stderr: /curl: command not found/ },
  { name: "no process list", script: "ps aux", status: 127 },
  { name: "time zone is UTC", script: "date +%Z", stdout: /^UTC\n$/, status: 0 },
  { name: "__proto__ as variable", script: "__proto__=1; constructor=2; echo $__proto__ $constructor", stdout: /^1 2\n$/, status: 0 },
  { name: "__proto__ as assoc key", script: "declare -A m; m[__proto__]=a; m[constructor]=b; m[hasOwnProperty]=c; echo ${m[__proto__]}${m[constructor]}${m[hasOwnProperty]} ${#m[@]}", stdout: /^abc 3\n$/, status: 0 },
  { name: "__proto__ as function", script: "__proto__() { echo fn; }; constructor() { echo c; }; __proto__; constructor", stdout: /^fn\nc\n$/, status: 0 },
  { name: "toString as alias and command", script: "shopt -s expand_aliases\nalias toString='echo aliased'\ntoString; valueOf", status: 127, stdout: /^aliased\n$/ },
  { name: "__proto__ as file", script: "echo x > __proto__; cat __proto__; ls", stdout: /^x\n__proto__\n$/, status: 0 },
  { name: "prototype in indirect expansion", script: "x=__proto__; echo \"[${!x}]\"", stdout: /^\[\]\n$/, status: 0 },
];

const more: HostileCase[] = [
  { name: "jq infinite recursion", script: "jq -n 'def f: f; f'", limits: { timeoutMs: 1500 }, status: 124, stderr: TIME },
  { name: "jq huge range", script: "jq -n '[range(1e9)] | length'", limits: { timeoutMs: 1500 }, stderr: /./ },
  { name: "jq repeat to a pipe", script: "jq -n 'repeat(1)' | head -3", limits: { timeoutMs: 20_000 }, stdout: /^1\n1\n1\n$/, status: 0 },
  { name: "jq output flood", script: "jq -n 'repeat(\"xxxxxxxx\")'", stderr: /limit exceeded/ },
  { name: "expr regex DoS", script: "x=$(printf 'a%.0s' {1..20000})!; expr \"$x\" : '\\(a*\\)*$'", status: 1, stdout: /^\n$/ },
  { name: "case pattern with many stars", script: "x=$(printf 'a%.0s' {1..3000}); case $x in *a*a*a*a*a*a*a*a*b) echo yes;; *) echo no;; esac", stdout: /^no\n$/, status: 0 },
  { name: "pattern substitution on long string", script: "x=$(printf 'ab%.0s' {1..2000}); y=${x//a/} ; echo ${#y}", stdout: /^2000\n$/, status: 0 },
  { name: "find -regex nested quantifier", script: "mkdir d; touch d/$(printf 'a%.0s' {1..200})b; find d -regex '.*\\(a+\\)+c'; echo done", limits: { timeoutMs: 10_000 }, stdout: /done/, status: 0 },
  { name: "sed hold space doubling", script: "echo x | sed ':a; H; x; p; G; ba'", stderr: /limit exceeded/ },
  { name: "awk infinite loop", script: "awk 'BEGIN { while (1) {} }'", stderr: TIME_OR_STEPS },
  { name: "awk string doubling", script: "awk 'BEGIN { s = \"x\"; while (1) s = s s }'", stderr: /Invalid string length|limit exceeded/ },
  { name: "awk output flood", script: "awk 'BEGIN { while (1) print \"flood\" }'", stderr: /limit exceeded/ },
  { name: "sort of endless input", script: "yes | sort", stderr: /limit exceeded/ },
  { name: "tail of endless input", script: "yes | tail -1", stderr: /limit exceeded/ },
  { name: "xargs over endless input", script: "yes | xargs echo > /dev/null", stderr: /limit exceeded/ },
  { name: "find loop through symlinks", script: "mkdir -p a; ln -s .. a/up; find -L a > /dev/null; echo $?", status: 0, stdout: /\d/ },
  { name: "symlink loop read", script: "ln -s loop loop; cat loop", stderr: /Too many levels of symbolic links/, status: 1 },
  { name: "cp into itself", script: "mkdir d; cp -r d d/sub; echo $?", status: 0, stdout: /1/, stderr: /itself/ },
  { name: "here-doc of a huge expansion", script: "x=$(head -c 2000000 /dev/zero | tr '\\0' a); cat <<EOF | wc -c\n$x$x\nEOF", limits: { ...FAST, maxStringLength: 1 << 20 }, stderr: /limit exceeded/ },
  { name: "read from /dev/zero", script: "read -r x < /dev/zero; echo ${#x}", stderr: /limit exceeded/ },
  { name: "mapfile of endless input", script: "yes | mapfile -t a", stderr: /limit exceeded/ },
  { name: "command substitution of endless output", script: "x=$(yes)", stderr: /limit exceeded/ },
  { name: "process substitution of endless output", script: "cat <(yes) | head -1; head -c 3 <(yes)", status: 0, stdout: /^y\ny\ny$/ },
  { name: "deep function nesting with locals", script: "f() { local a$1=1; f $(( $1 + 1 )); }; f 0", stderr: DEPTH },
  { name: "eval bomb", script: "x='eval \"$x\"'; eval \"$x\"", stderr: /./ },
  { name: "alias loop", script: "shopt -s expand_aliases\nalias a=b\nalias b=a\na", status: 127 },
  { name: "trap recursion", script: "trap 'kill -s ERR $$' ERR; false; echo after", status: 0, stderr: /./ },
  { name: "very long line of output", script: "head -c 500000 /dev/zero | tr '\\0' x | wc -c", stdout: /^500000\n$/, status: 0 },
  { name: "very long argument list", script: "set -- $(seq 1 100000); echo $#", limits: { ...FAST, maxSteps: Infinity }, stdout: /^100000\n$/, status: 0 },
];

const leaks: HostileCase[] = [
  { name: "env shows only the sandbox", script: "env | cut -d= -f1 | sort | tr '\\n' ' '", stdout: /^HOME LC_ALL LOGNAME (OLDPWD )?PATH PWD SHELL SHLVL TERM TZ USER (_ )?$/, status: 0 },
  { name: "proc environ is absent", script: "cat /proc/self/environ", status: 1 },
  { name: "proc version is the sandbox's", script: "cat /proc/version", stdout: /sandbash/, status: 0 },
  { name: "uname is the sandbox's", script: "uname -a", stdout: /^Linux sandbox /, status: 0 },
  { name: "no host user in passwd", script: "cut -d: -f1 /etc/passwd | tr '\\n' ' '", stdout: /^root user $/, status: 0 },
  { name: "declare -p shows no host variables", script: "declare -p | grep -v '^declare -- BASH_EXECUTION_STRING=' | grep -c -E 'NODE|npm_|VITEST|CI=' ; echo", stdout: /^0\n\n$/, status: 0 },
  { name: "set shows no host variables", script: "set | grep -c -E '^(NODE|npm_|VITEST)' ; echo", stdout: /^0\n\n$/, status: 0 },
  { name: "PPID is a sandbox pid", script: "[ $PPID -lt 100000 ] && echo small", stdout: /^small\n$/, status: 0 },
  { name: "no JavaScript evaluation via arithmetic", script: "echo $(( constructor )) $(( __proto__ + 1 ))", stdout: /^0 1\n$/, status: 0 },
  { name: "toString as a command name", script: "toString; hasOwnProperty; echo $?", status: 0, stdout: /^127\n$/ },
];

const all: Array<[string, HostileCase[]]> = [
  ["more bombs and floods", more],
  ["leaks", leaks],
  ["loops and recursion", loops],
  ["floods and bombs", floods],
  ["regular expressions", regex],
  ["nesting", nesting],
  ["bytes", bytes],
  ["escape attempts", escapes],
];

for (const [group, cases] of all) {
  describe(`hostile: ${group}`, () => {
    for (const c of cases) {
      it(c.name, async () => {
        const bash = new Bash({ limits: { ...FAST, ...c.limits } });
        const r = await bash.exec(c.script, { stdin: c.stdin });
        if (c.status !== undefined) expect(r.exitCode, r.stderr).toBe(c.status);
        else expect(r.exitCode, r.stderr).not.toBe(0);
        if (c.stderr) expect(r.stderr).toMatch(c.stderr);
        if (c.stdout) expect(r.stdout).toMatch(c.stdout);
        const after = await bash.exec("echo still usable");
        expect(after).toMatchObject({ stdout: "still usable\n", exitCode: 0 });
      }, 30_000);
    }
  });
}

describe("hostile: custom commands and cancellation", () => {
  it("a throwing custom command becomes status 1 with its message", async () => {
    const bash = new Bash({ commands: [defineCommand("boom", () => { throw new Error("kaboom"); })] });
    const r = await bash.exec("boom; echo after $?");
    expect(r.stdout).toBe("after 1\n");
    expect(r.stderr).toMatch(/boom: kaboom/);
  });

  it("a never-settling custom command is abandoned at the deadline", async () => {
    const bash = new Bash({ limits: { timeoutMs: 300 }, commands: [defineCommand("hang", () => new Promise(() => {}))] });
    const r = await bash.exec("hang; echo never");
    expect(r.exitCode).toBe(124);
    expect(r.stderr).toMatch(TIME);
    expect((await bash.exec("echo ok")).stdout).toBe("ok\n");
  });

  it("an abort signal ends a busy loop", async () => {
    const bash = new Bash({ limits: { timeoutMs: 60_000, maxSteps: Infinity } });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const r = await bash.exec("while :; do :; done", { signal: ac.signal });
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toMatch(/sandbash: aborted/);
  });

  it("an abort signal ends a pipeline mid-stream", async () => {
    const bash = new Bash({ limits: { timeoutMs: 60_000, maxSteps: Infinity } });
    const r = await bash.exec("yes | cat | cat > /dev/null", { signal: AbortSignal.timeout(150) });
    expect(r.exitCode).toBe(130);
    expect((await bash.exec("echo ok")).stdout).toBe("ok\n");
  });

  it("execs on one instance queue; instances do not interfere", async () => {
    const a = new Bash();
    const b = new Bash();
    const [r1, r2, r3] = await Promise.all([a.exec("x=1; echo $x"), a.exec("echo ${x:-unset}"), b.exec("echo ${x:-unset}")]);
    expect([r1.stdout, r2.stdout, r3.stdout]).toEqual(["1\n", "1\n", "unset\n"]);
  });
});
