/**
 * A dynamic import made once: every later call gets the same promise. Calling import() again
 * for a module already loaded still resolves its specifier, which costs ~20 µs in Node and
 * ~0.5 ms where loader hooks run (tsx, other --import loaders): too much for a hot path such
 * as an array assignment. A failed load is retried on the next call.
 */
export function lazyModule<M>(load: () => Promise<M>): () => Promise<M> {
  let loading: Promise<M> | null = null;
  return () =>
    (loading ??= load().catch((e: unknown) => {
      loading = null;
      throw e;
    }));
}
