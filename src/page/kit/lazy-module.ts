/**
 * Code a widget loads after its first paint or on first use (a section, a dialog, a popup's frame):
 * loaded once, at hand synchronously once it has arrived (`value`), and forgotten when its load
 * failed, so that the next need tries again.
 */
export interface LazyModule<M> {
  /** The module, once it has loaded; `null` before. */
  readonly value: M | null;
  /** Loads it (once at a time); rejects when it could not be had. */
  load(): Promise<M>;
}

/** `importer` is the `import()` of the module (so the bundler splits it off). */
export function lazyModule<M>(importer: () => Promise<M>): LazyModule<M> {
  let value: M | null = null;
  let loading: Promise<M> | null = null;
  return {
    get value() {
      return value;
    },
    load: () =>
      (loading ??= importer().then(
        (m) => (value = m),
        (e: unknown) => {
          loading = null;
          throw e;
        },
      )),
  };
}
