// Type-checked by .ci/run against the built package (ESM consumer): the types resolve.
import { Bash } from "sandbash";
const result = await new Bash({ files: { "/home/user/a.txt": "x\n" } }).exec("cat a.txt");
const text: string = result.stdout;
const status: number = result.exitCode;
console.log(text, status);
