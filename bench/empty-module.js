// An empty ES module: bench/startup.ts times Node's loader for a file on its own.
export {};
