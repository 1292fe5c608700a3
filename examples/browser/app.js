// The demo terminal: one Bash session from sandbash's browser build (./sandbash/browser.js,
// served by serve.ts) over the seeded project in ./seed.json. Each line typed is one
// exec(); output streams into the screen as the commands write it. jq runs in a Web
// Worker (./sandbash/jq-web-worker.js) over ./sandbash/jq.wasm, loaded on first use.
import { Bash } from "./sandbash/browser.js";

const screen = document.getElementById("screen");
const form = document.getElementById("prompt");
const input = document.getElementById("command");
const ps1 = document.getElementById("ps1");
const examples = document.getElementById("examples");

function show(text, className) {
  const span = document.createElement("span");
  if (className) span.className = className;
  span.textContent = text;
  screen.append(span);
  span.scrollIntoView({ block: "end" });
}

const seed = await (await fetch("./seed.json")).json();
const bash = new Bash({ files: seed.files, cwd: seed.cwd, env: { PS1: "$ " }, limits: { timeoutMs: 10_000 } });

async function prompt() {
  const r = await bash.exec("pwd");
  ps1.textContent = `user@sandbash:${r.stdout.trim().replace(/^\/home\/user/, "~")}$`;
}

const history = [];
let back = 0;

async function run(command) {
  show(`${ps1.textContent} ${command}\n`, "cmd");
  if (command.trim()) history.push(command);
  back = 0;
  input.disabled = true;
  document.body.dataset.busy = "true";
  try {
    const r = await bash.exec(command, {
      onStdout: (chunk) => show(chunk),
      onStderr: (chunk) => show(chunk, "err"),
    });
    if (r.exitCode !== 0) show(`[exit ${r.exitCode}]\n`, "status");
  } catch (e) {
    show(`${e instanceof Error ? e.message : String(e)}\n`, "err");
  }
  await prompt();
  delete document.body.dataset.busy;
  input.disabled = false;
  input.focus();
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const command = input.value;
  input.value = "";
  void run(command);
});

input.addEventListener("keydown", (event) => {
  if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
  event.preventDefault();
  back = Math.max(0, Math.min(history.length, back + (event.key === "ArrowUp" ? 1 : -1)));
  input.value = back === 0 ? "" : history[history.length - back];
});

for (const command of seed.examples) {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = command;
  button.addEventListener("click", () => {
    input.value = command;
    input.focus();
  });
  examples.append(button);
}

show(seed.banner);
await prompt();
input.disabled = false;
input.placeholder = "type a command and press Enter";
input.focus();
document.body.dataset.ready = "true";
