import { MemFs, type MemFsOptions } from "./memfs.js";

/** The standard sandbox machine: who the user is and what the host is called. */
export interface DefaultFsOptions extends MemFsOptions {
  /** Login name of the sandbox user (default "user", uid/gid from MemFsOptions, default 1000). */
  user?: string;
  group?: string;
  hostname?: string;
  /** Names of the available commands: each gets an executable stub in /usr/bin and /bin. */
  binaries?: readonly string[];
}

/** Device numbers as Linux assigns them: (major << 8) | minor. */
const DEVICES: ReadonlyArray<[name: string, major: number, minor: number]> = [
  ["null", 1, 3],
  ["zero", 1, 5],
  ["random", 1, 8],
  ["urandom", 1, 9],
  ["tty", 5, 0],
  ["stdin", 136, 0],
  ["stdout", 136, 0],
  ["stderr", 136, 0],
];

const ROOT_DIRS = [
  "/bin",
  "/usr",
  "/usr/bin",
  "/usr/local",
  "/usr/local/bin",
  "/usr/share",
  "/etc",
  "/dev",
  "/var",
  "/home",
];

/** What /usr/bin/<command> holds: the command itself is built into sandbash. */
const BINARY_STUB = "#!/bin/sh\n# sandbash built-in command\n";

const PROC_VERSION = "Linux version 6.1.0-sandbash (sandbash@sandbox) (sandbash virtual kernel) #1 SMP\n";

const PROC_CPUINFO = [
  "processor\t: 0",
  "vendor_id\t: SandbashVirtual",
  "model name\t: sandbash virtual CPU",
  "cpu MHz\t\t: 1000.000",
  "cpu cores\t: 1",
  "flags\t\t: fpu",
  "",
  "",
].join("\n");

const PROC_MEMINFO = [
  "MemTotal:         262144 kB",
  "MemFree:          262144 kB",
  "MemAvailable:     262144 kB",
  "Buffers:               0 kB",
  "Cached:                0 kB",
  "SwapTotal:             0 kB",
  "SwapFree:              0 kB",
  "",
].join("\n");

/**
 * A MemFs holding the standard layout, acting as the sandbox user. System paths
 * (/bin, /etc, /dev, /proc...) belong to root with mode 0755 (0555 and 0444 under
 * /proc), so the user cannot write there; /tmp and /var/tmp are 1777; /home/<user>
 * belongs to the user. The layout itself does not count against maxBytes/maxFiles.
 *
 * The layout is put in place the first time anything looks at / (a path lookup, a
 * listing, stat of /, a snapshot), stamped with the construction time: `new Bash()`
 * and scripts that never touch the filesystem (`echo hi`) skip it, and every path
 * lookup fills it before it resolves, so nothing can see the tree without it.
 */
export function createDefaultFs(options: DefaultFsOptions = {}): MemFs {
  // Built without limits; they apply from the baseline on. The root view owns "/".
  const root = new MemFs({ ...options, uid: 0, gid: 0, maxBytes: Infinity, maxFiles: Infinity });
  const fs = root.asUser(options.uid ?? 1000, options.gid ?? 1000);
  const builtAt = (options.now ?? Date.now)();
  root.deferDirectory("/", () => seedLayout(root, fs, options, builtAt));
  fs.markBaseline();
  fs.setLimits({ maxBytes: options.maxBytes ?? Infinity, maxFiles: options.maxFiles ?? Infinity });
  return fs;
}

/** The standard layout's entries, all dated `at`. */
function seedLayout(root: MemFs, fs: MemFs, options: DefaultFsOptions, at: number): void {
  const user = options.user ?? "user";
  const group = options.group ?? user;
  const hostname = options.hostname ?? "sandbox";
  for (const d of ROOT_DIRS) root.seedEntry(d, null, { mode: 0o755, mtimeMs: at });
  root.seedEntry("/root", null, { mode: 0o700, mtimeMs: at });
  root.seedEntry("/tmp", null, { mode: 0o1777, mtimeMs: at });
  root.seedEntry("/var/tmp", null, { mode: 0o1777, mtimeMs: at });
  root.seedEntry("/proc", null, { mode: 0o555, mtimeMs: at });
  const home = `/home/${user}`;
  fs.seedEntry(home, null, { mode: 0o755, mtimeMs: at });

  root.seedEntry(
    "/etc/passwd",
    `root:x:0:0:root:/root:/bin/bash\n${user}:x:${fs.uid}:${fs.gid}:${user}:${home}:/bin/bash\n`,
    { mtimeMs: at },
  );
  root.seedEntry("/etc/group", `root:x:0:\n${group}:x:${fs.gid}:\n`, { mtimeMs: at });
  root.seedEntry("/etc/hostname", `${hostname}\n`, { mtimeMs: at });
  root.seedEntry("/etc/hosts", `127.0.0.1\tlocalhost\n127.0.1.1\t${hostname}\n`, { mtimeMs: at });
  root.seedEntry("/etc/shells", "/bin/sh\n/bin/bash\n/usr/bin/sh\n/usr/bin/bash\n", { mtimeMs: at });

  for (const [name, major, minor] of DEVICES) {
    root.seedDevice(`/dev/${name}`, "char", 0o666, (major << 8) | minor, at);
  }
  // The command stubs (~400 files) are made the first time /bin or /usr/bin is looked into:
  // most sessions never do, and an idle instance stays small and quick to build.
  const binaries = options.binaries ?? [];
  if (binaries.length > 0) {
    for (const dir of ["/usr/bin", "/bin"]) {
      root.deferDirectory(dir, () => {
        const dirCache = new Map();
        for (const name of binaries) root.seedEntry(`${dir}/${name}`, BINARY_STUB, { mode: 0o755, mtimeMs: at, dirCache });
      });
    }
  }
  root.seedEntry("/proc/version", PROC_VERSION, { mode: 0o444, mtimeMs: at });
  root.seedEntry("/proc/cpuinfo", PROC_CPUINFO, { mode: 0o444, mtimeMs: at });
  root.seedEntry("/proc/meminfo", PROC_MEMINFO, { mode: 0o444, mtimeMs: at });
}
