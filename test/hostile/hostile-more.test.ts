/**
 * More hostile input (issue 11's list): regex DoS in every regex-taking
 * command, jq bombs, device floods, file and array bombs, huge scripts,
 * escape attempts through every kind of name, custom commands that misbehave,
 * aborts, and the network allow-list. Same contract as hostile.test.ts.
 */
import { describe, expect, it } from "vitest";
import { Bash, defineCommand } from "../../src/index.js";
import { fakeFetch } from "../network/fake-fetch.js";
import { ANY_LIMIT, DEPTH, OUTPUT, TIME, TIME_OR_STEPS, runHostile, type HostileCase } from "./_harness.js";

const A20K = "x=$(printf 'a%.0s' {1..20000})";

const regexDos: HostileCase[] = [
  { name: "grep -E exponential alternation", script: `${A20K}; echo "$x!" | grep -cE '^(a|a?)+$'`, status: 1, stdout: /^0\n$/ },
  { name: "grep BRE back-reference blowup", script: `${A20K}; echo "$x" | grep -c '\\(a*\\)*\\1b'`, stderr: /./ },
  { name: "grep -w over a long word", script: `${A20K}; echo "$x" | grep -cw 'a*b'`, status: 1, stdout: /^0\n$/ },
  { name: "sed global substitution with nested star", script: `${A20K}; echo "$x" | sed 's/\\(a*\\)*b/X/g' | wc -c`, status: 0, stdout: /^20001\n$/ },
  { name: "sed back-reference search", script: `${A20K}; echo "$x" | sed -n '/\\(a\\+\\)\\1\\1b/p' | wc -l`, stdout: /^0\n$/, status: 0 },
  { name: "awk match() nested quantifier", script: `${A20K}; echo "$x!" | awk '{ print match($0, /(a+)+$/) }'`, stdout: /^0\n$/, status: 0 },
  { name: "awk gsub on a long line", script: `${A20K}; echo "$x" | awk '{ n = gsub(/(a|aa)*c/, "x"); print n }'`, stdout: /^0\n$/, status: 0 },
  { name: "awk dynamic regex bomb", script: "awk 'BEGIN { r = \"(a*)*\"; for (i = 0; i < 15; i++) r = r r; s = sprintf(\"%30000s\", \"\"); gsub(/ /, \"a\", s); print (s \"!\" ~ r \"$\") }'", stderr: /./ },
  { name: "expr nested group", script: `${A20K}; expr "$x!" : '\\(\\(a*\\)*\\)*b'`, status: 1 },
  { name: "[[ =~ ]] alternation blowup", script: `${A20K}; [[ "$x!" =~ ^(a|aa)+$ ]]; echo $?`, stdout: /^1\n$/, status: 0 },
  { name: "case extglob blowup", script: `shopt -s extglob
${A20K}; case "$x!" in +(a|aa)) echo yes;; *) echo no;; esac`, stdout: /^no\n$/, status: 0 },
  { name: "${x//pat} with many stars", script: `x=$(printf 'a%.0s' {1..3000}); y=\${x//*a*a*a*a*b/}; echo \${#y}`, status: 124, stderr: TIME },
  { name: "${x##pat} extglob blowup", script: `shopt -s extglob
x=$(printf 'a%.0s' {1..3000}); y=\${x##+(a|aa)b}; echo \${#y}`, statusIn: [0, 124], stdout: /^(3000\n)?$/ },
  { name: "find -regex over many names", script: "mkdir d; cd d; touch $(printf 'a%.0s' {1..100}){1..200}; cd ..; find d -regex '\\(a*\\)*b' | wc -l", limits: { timeoutMs: 10_000 }, stdout: /^0\n$/, status: 0 },
  { name: "glob with many stars against many files", script: "mkdir g; touch g/$(printf 'a%.0s' {1..200}); echo g/*a*a*a*a*a*a*a*a*a*b", stdout: /\*b\n$/, status: 0 },
];

const jqBombs: HostileCase[] = [
  { name: "jq string doubling", script: "jq -n 'reduce range(64) as $i (\"x\"; . + .) | length'", stderr: /./ },
  { name: "jq deep nesting input", script: "printf '%.0s[' {1..100000} | jq . ", stderr: /./ },
  { name: "jq array bomb", script: "jq -n '[limit(100000000; repeat(1))] | length'", stderr: /./ },
  { name: "jq recursion through paths", script: "jq -n '[1] | recurse(. + .) | length' > /dev/null", stderr: /./ },
];

const floods: HostileCase[] = [
  { name: "urandom into a file", script: "cat /dev/urandom > f", limits: { maxFileSystemBytes: 1 << 20 }, stderr: /No space left on device|limit exceeded/ },
  { name: "sort /dev/zero", script: "sort /dev/zero", stderr: ANY_LIMIT },
  { name: "wc -l /dev/zero", script: "wc -l /dev/zero", stderr: TIME_OR_STEPS },
  { name: "base64 of urandom into head", script: "base64 /dev/urandom | head -c 20 | wc -c", stdout: /^20\n$/, status: 0 },
  { name: "tr -dc from urandom into head", script: "tr -dc a-z < /dev/urandom | head -c 10 | wc -c", stdout: /^10\n$/, status: 0 },
  { name: "md5sum of /dev/zero", script: "md5sum /dev/zero", stderr: TIME_OR_STEPS },
  { name: "touch brace bomb", script: "touch f{1..100000}", limits: { maxFileCount: 1000 }, stderr: /No space left on device|brace expansion|limit exceeded/ },
  { name: "mkdir -p very deep", script: "mkdir -p $(printf 'd/%.0s' {1..5000}); echo $?", limits: { maxFileCount: 1000 }, stdout: /^1\n$/, status: 0, stderr: /No space left on device/ },
  { name: "sparse array with a huge index", script: "a[100000000]=1; a[1]=2; echo ${#a[@]} ${!a[@]} ${a[@]}; for i in \"${!a[@]}\"; do :; done", stdout: /^2 1 100000000 2 1\n$/, status: 0 },
  { name: "array from a huge brace", script: "a=({1..100000000})", stderr: /brace expansion|limit exceeded/ },
  { name: "printf repeats to a variable", script: "printf -v x '%*s' 100000000 ''; echo ${#x}", stderr: /./ },
  { name: "string doubling with += in arithmetic loop", script: "x=ab; for ((;;)); do x+=$x; done", limits: { maxStringLength: 1 << 20 }, stderr: ANY_LIMIT },
  { name: "output flood through tee", script: "yes | tee /dev/null", stderr: OUTPUT },
  { name: "seq to infinity", script: "seq inf > /dev/null", stderr: TIME_OR_STEPS },
];

const scripts: HostileCase[] = [
  { name: "ten-megabyte script", script: "echo start\n" + "x=1\n".repeat(2_500_000) + "echo end", limits: { maxSteps: 100_000 }, stderr: /./ },
  { name: "one huge line", script: `echo ${"a".repeat(5_000_000)} | wc -c`, stdout: /^5000001\n$/, status: 0 },
  { name: "thousands of functions", script: Array.from({ length: 5000 }, (_, i) => `f${i}() { :; }`).join("\n") + "\nf4999; echo ok", stdout: /^ok\n$/, status: 0 },
  { name: "deep case nesting", script: "case x in x) ".repeat(20_000) + "echo x;; esac; ".repeat(20_000), stderr: /./ },
  { name: "deep function definition nesting", script: "f() { ".repeat(30_000) + ":; " + "}; ".repeat(30_000), stderr: /./ },
  { name: "NUL bytes inside the script", script: "echo a\u0000b; echo after", status: 0, stdout: /after/ },
  { name: "invalid UTF-8 in file names", script: "touch $'\\xff\\xfe'; ls | od -An -tx1 | tr -d ' \\n'", stdout: /^fffe0a$/, status: 0 },
];

const escapes: HostileCase[] = [
  { name: "proc has no host processes", script: "ls /proc | grep -cE '^[0-9]+$'; cat /proc/1/cmdline", stdout: /^\d\n/ },
  { name: "/proc/self/exe and cwd", script: "readlink /proc/self/exe; readlink /proc/self/cwd; echo", never: /node|\/work|\/usr\/local\/bin\/node/, status: 0 },
  { name: "symlink to / then ..", script: "ln -s / r; cat r/../../../etc/hostname; ls r/../..", stdout: /^sandbox\n/, status: 0 },
  { name: "export -p shows sandbox only", script: "export -p | grep -cE 'NODE|npm_|VITEST|HOSTNAME=(?!sandbox)'; echo", stdout: /^0\n\n$/, status: 0 },
  { name: "compgen -v shows no host names", script: "compgen -v | grep -cE '^(NODE|npm_|VITEST)'; echo", stdout: /^0\n\n$/, status: 0 },
  { name: "printenv of host variables", script: "printenv NODE_OPTIONS PATH_HOST npm_config_cache HOME", stdout: /^\/home\/user\n$/, status: 1 },
  { name: "__proto__ through read, printf -v, mapfile", script: "read __proto__ <<< r; printf -v constructor %s p; mapfile -t prototype <<< m; echo $__proto__ $constructor ${prototype[0]}", stdout: /^r p m\n$/, status: 0 },
  { name: "__proto__ as local, export and unset", script: "f() { local __proto__=l; echo $__proto__; }; f; export constructor=e; env | grep -c '^constructor=e$'; unset constructor; echo \"[${constructor-unset}]\"", stdout: /^l\n1\n\[unset\]\n$/, status: 0 },
  { name: "__proto__ indexed array and ${!prefix*}", script: "__proto__[3]=x; echo ${__proto__[3]} ${#__proto__[@]}; echo ${!__pro*}", stdout: /^x 1\n__proto__\n$/, status: 0 },
  { name: "__proto__ in awk arrays", script: "printf '__proto__\\nconstructor\\n__proto__\\n' | awk '{ a[$1]++ } END { print a[\"__proto__\"], a[\"constructor\"], length(a) }'", stdout: /^2 1 2\n$/, status: 0 },
  { name: "__proto__ in jq", script: "echo '{\"__proto__\": 1, \"constructor\": 2}' | jq -c '. , keys, .__proto__'", stdout: /^\{"__proto__":1,"constructor":2\}\n\["__proto__","constructor"\]\n1\n$/, status: 0 },
  { name: "__proto__ as a directory and in paths", script: "mkdir -p __proto__/constructor; cd __proto__/constructor && pwd && cd ../.. && find . -name constructor", stdout: /\/home\/user\/__proto__\/constructor\n\.\/__proto__\/constructor\n$/, status: 0 },
  { name: "hasOwnProperty as a getopts variable and a trap", script: "getopts a hasOwnProperty -a; echo $hasOwnProperty; trap 'echo t' valueOf 2>/dev/null; echo $?", stdout: /^a\n1\n$/, status: 0 },
  { name: "sandbox user everywhere", script: "id; ls -ld ~; stat -c %U:%G ~", stdout: /^uid=1000\(user\) gid=1000\(user\)[^\n]*\n[^\n]* user user [^\n]*\nuser:user\n$/, status: 0 },
];

describe("hostile: custom commands", () => {
  it("a command throwing a non-Error value", async () => {
    const bash = new Bash({ commands: [defineCommand("boom", () => { throw "just a string"; })] });
    const r = await bash.exec("boom | cat; echo after ${PIPESTATUS[0]}");
    expect(r.stdout).toBe("after 1\n");
    expect(r.stderr).toMatch(/boom: just a string/);
    expect((await bash.exec("echo ok")).stdout).toBe("ok\n");
  });

  it("a command rejecting asynchronously inside $(...)", async () => {
    const bash = new Bash({ commands: [defineCommand("later", async () => { await new Promise((r) => setTimeout(r, 5)); throw new Error("late failure"); })] });
    const r = await bash.exec("x=$(later); echo \"status $? [$x]\"");
    expect(r.stdout).toBe("status 1 []\n");
    expect(r.stderr).toMatch(/late failure/);
  });

  it("a hanging command in a pipeline ends at the deadline", async () => {
    const bash = new Bash({ limits: { timeoutMs: 300 }, commands: [defineCommand("hang", () => new Promise(() => {}))] });
    const r = await bash.exec("echo in | hang | cat; echo never");
    expect(r.exitCode).toBe(124);
    expect(r.stderr).toMatch(TIME);
    expect(r.stdout).toBe("");
    expect((await bash.exec("echo ok")).stdout).toBe("ok\n");
  });

  it("a hanging command in a background job and in $(...) ends at the deadline", async () => {
    const bash = new Bash({ limits: { timeoutMs: 300 }, commands: [defineCommand("hang", () => new Promise(() => {}))] });
    expect((await bash.exec("hang & wait")).exitCode).toBe(124);
    expect((await bash.exec("x=$(hang)")).exitCode).toBe(124);
    expect((await bash.exec("echo ok")).stdout).toBe("ok\n");
  });

  it("a custom command flooding stdout hits the output limit", async () => {
    const bash = new Bash({ limits: { maxOutputBytes: 1000 }, commands: [defineCommand("flood", () => ({ stdout: "x".repeat(100_000) }))] });
    const r = await bash.exec("flood; echo never");
    expect(r.exitCode).toBe(125);
    expect(r.truncated).toBe(true);
    expect(r.stderr).toMatch(OUTPUT);
  });
});

describe("hostile: aborts", () => {
  it("abort during an awk loop: awk runs synchronously, so the deadline ends it", async () => {
    // Known gap: awk's program loop never yields to the event loop, so the abort
    // event cannot be delivered; the time limit (checked inside the loop) ends it.
    const bash = new Bash({ limits: { timeoutMs: 1500, maxSteps: Infinity } });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const r = await bash.exec("awk 'BEGIN { while (1) x++ }'", { signal: ac.signal });
    expect([124, 130]).toContain(r.exitCode);
    expect(r.stderr).toMatch(/sandbash: (aborted|time limit exceeded)/);
    expect((await bash.exec("echo ok")).stdout).toBe("ok\n");
  }, 30_000);

  it("an already-aborted signal ends the exec at once", async () => {
    const bash = new Bash();
    const r = await bash.exec("echo should-not-run", { signal: AbortSignal.abort() });
    expect(r.exitCode).toBe(130);
    expect(r.stdout).toBe("");
  });

  for (const [name, script] of [
    ["sleep", "sleep 100"],
    ["sort of endless input", "yes | sort"],
    ["jq loop", "jq -n 'def f: f; f'"],
    ["read loop over a pipe", "yes | while read l; do :; done"],
  ]) {
    it(`abort during ${name}`, async () => {
      // No string cap: `yes | sort` would otherwise reach maxStringLength before the abort on a fast machine.
      const bash = new Bash({ limits: { timeoutMs: 60_000, maxSteps: Infinity, maxStringLength: Infinity } });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 100);
      const r = await bash.exec(script, { signal: ac.signal });
      expect(r.exitCode).toBe(130);
      expect(r.stderr).toMatch(/sandbash: aborted/);
      expect((await bash.exec("echo ok")).stdout).toBe("ok\n");
    }, 30_000);
  }
});

const routes = fakeFetch({
  "https://api.example.com/v1/redirect-out": () => ({ status: 302, headers: { location: "http://169.254.169.254/latest/meta-data/" } }),
  "https://api.example.com/v1/big": () => ({ body: "y".repeat(3_000_000) }),
  "https://api.example.com/v1/echo-headers": () => ({ body: "headers\n" }),
});
const network: HostileCase[] = [
  { name: "curl to the cloud metadata address", script: "curl -sS http://169.254.169.254/latest/meta-data/", status: 7, stderr: /blocked by the sandbox network policy/ },
  { name: "redirect to the metadata address", script: "curl -sSL https://api.example.com/v1/redirect-out", status: 7, stderr: /169\.254\.169\.254.*blocked/ },
  { name: "response flood into stdout", script: "curl -s https://api.example.com/v1/big", stderr: OUTPUT },
  { name: "curl in an endless loop", script: "while :; do curl -s https://api.example.com/v1/echo-headers > /dev/null; done", stderr: TIME_OR_STEPS },
  { name: "secret header never visible", script: "curl -sv -i https://api.example.com/v1/echo-headers 2>&1; declare -p; env", status: 0, never: /TOPSECRET/ },
  { name: "wget to localhost", script: "wget -O - http://localhost:8080/", status: 4, stderr: /blocked/ },
  { name: "file:// URL", script: "curl -sS file:///etc/passwd", status: 1, stderr: /Protocol "file" not supported/ },
];

runHostile("regex DoS", regexDos);
runHostile("jq bombs", jqBombs, () => ({ limits: { timeoutMs: 3000 } }));
runHostile("device, file and array floods", floods);
runHostile("huge and odd scripts", scripts, () => ({ limits: { timeoutMs: 5000 } }));
runHostile("escape attempts through names and paths", escapes);
runHostile("network allow-list", network, () => ({
  network: { fetch: routes.fetch, allow: [{ url: "https://api.example.com/v1/", headers: { Authorization: "Bearer TOPSECRET" } }] },
}));
void DEPTH;
