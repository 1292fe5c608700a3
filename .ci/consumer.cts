// Type-checked by .ci/run against the built package (CommonJS consumer): the types resolve.
import { Bash } from "sandbash";
void new Bash().exec("echo hi").then((r) => {
  const text: string = r.stdout;
  const status: number = r.exitCode;
  console.log(text, status);
});
