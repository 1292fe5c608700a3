import type { CommandContext, CommandDef } from "./types.js";
import { printfFormat } from "./_lib/printf.js";

/**
 * printf(1) of GNU coreutils 9.1, what `env printf`, `xargs printf` and
 * /usr/bin/printf run (scripts' plain `printf` is bash's builtin). The
 * formatting is the shared one in _lib/printf.ts in its coreutils dialect.
 */

const HELP = `Usage: printf FORMAT [ARGUMENT]...
  or:  printf OPTION
Print ARGUMENT(s) according to FORMAT, or execute according to OPTION:

      --help        display this help and exit
      --version     output version information and exit

FORMAT controls the output as in C printf.  Interpreted sequences are:

  \\"      double quote
  \\\\      backslash
  \\a      alert (BEL)
  \\b      backspace
  \\c      produce no further output
  \\e      escape
  \\f      form feed
  \\n      new line
  \\r      carriage return
  \\t      horizontal tab
  \\v      vertical tab
  \\NNN    byte with octal value NNN (1 to 3 digits)
  \\xHH    byte with hexadecimal value HH (1 to 2 digits)
  \\uHHHH  Unicode (ISO/IEC 10646) character with hex value HHHH (4 digits)
  \\UHHHHHHHH  Unicode character with hex value HHHHHHHH (8 digits)
  %%      a single %
  %b      ARGUMENT as a string with '\\' escapes interpreted,
          except that octal escapes are of the form \\0 or \\0NNN
  %q      ARGUMENT is printed in a format that can be reused as shell input,
          escaping non-printable characters with the proposed POSIX $'' syntax.

and all C format specifications ending with one of diouxXfeEgGcs, with
ARGUMENTs converted to proper type first.  Variable widths are handled.

NOTE: your shell may have its own version of printf, which usually supersedes
the version described here.  Please refer to your shell's documentation
for details about the options it supports.

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/printf>
or available locally via: info '(coreutils) printf invocation'
`;

const encoder = new TextEncoder();

async function run(ctx: CommandContext): Promise<number> {
  let args = ctx.args;
  // Only --help and --version as the single argument are options; a leading -- is dropped.
  if (args.length === 1 && args[0] === "--help") {
    await ctx.stdout.write(encoder.encode(HELP));
    return 0;
  }
  if (args.length === 1 && args[0] === "--version") {
    await ctx.stdout.write(encoder.encode(VERSION));
    return 0;
  }
  if (args[0] === "--") args = args.slice(1);
  if (args.length === 0) {
    ctx.stderr.write("printf: missing operand\nTry 'printf --help' for more information.\n");
    return 1;
  }
  const r = printfFormat(args[0], args.slice(1), { coreutils: true });
  if (r.output) await ctx.stdout.write(encoder.encode(r.output));
  for (const w of r.warnings) ctx.stderr.write(`printf: ${w}\n`);
  for (const e of r.errors) ctx.stderr.write(`printf: ${e}\n`);
  return r.errors.length ? 1 : 0;
}

const VERSION = `printf (GNU coreutils) 9.1
Copyright (C) 2022 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.

Written by David MacKenzie.
`;

export const printf: CommandDef = { name: "printf", help: HELP, run };
