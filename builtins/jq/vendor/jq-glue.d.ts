/** Types for the generated jq-glue.js (emscripten factory of jq-web's jq 1.7.1). */

/** The subset of emscripten's FS object the jq engine uses (MEMFS). */
export interface EmscriptenFS {
  mkdirTree(path: string, mode?: number): void;
  mkdir(path: string, mode?: number): void;
  writeFile(path: string, data: Uint8Array | string, opts?: { mode?: number }): void;
  symlink(target: string, path: string): void;
  unlink(path: string): void;
  rmdir(path: string): void;
  chmod(path: string, mode: number): void;
  chdir(path: string): void;
  close(stream: unknown): void;
  analyzePath(path: string): { exists: boolean };
  streams: Array<{ fd: number } | null | undefined>;
}

/** What the factory resolves to. */
export interface JqEmscriptenModule {
  callMain(args: string[]): number;
  FS: EmscriptenFS;
}

/** Module settings understood by the glue (emscripten's Module object). */
export interface JqModuleArg {
  thisProgram?: string;
  noInitialRun?: boolean;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
  instantiateWasm?: (
    imports: { env: Record<string, unknown>; wasi_snapshot_preview1: Record<string, unknown> },
    done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
  ) => object;
}

declare const createJqModule: (moduleArg?: JqModuleArg) => Promise<JqEmscriptenModule>;
export default createJqModule;
