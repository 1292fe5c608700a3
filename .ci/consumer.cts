// Type-checked by .ci/run against the built package (CommonJS consumer): the types resolve.
import { Bash } from "sandbash";
import { createOverlayFs } from "sandbash/node";
void new Bash().exec("echo hi").then((r) => {
  const text: string = r.stdout;
  const status: number = r.exitCode;
  console.log(text, status);
});
void new Bash({ mounts: { "/mnt/ci": { fs: createOverlayFs(".ci"), readOnly: true } } }).exec("ls /mnt/ci").then((r) => {
  const listed: string = r.stdout;
  console.log(listed);
});
