// Type-checked by .ci/run against the built package (ESM consumer): the types resolve.
import { Bash } from "sandbash";
import { createOverlayFs } from "sandbash/node";
const result = await new Bash({ files: { "/home/user/a.txt": "x\n" } }).exec("cat a.txt");
const text: string = result.stdout;
const status: number = result.exitCode;
console.log(text, status);
const mounted = new Bash({ mounts: { "/mnt/ci": { fs: createOverlayFs(".ci"), readOnly: true } } });
const listed: string = (await mounted.exec("ls /mnt/ci")).stdout;
console.log(listed);
