/**
 * The browser's word on whether it is online: the one place that reads `navigator.onLine` and its
 * `online`/`offline` events. The browser may say "online" on a network that reaches nothing, so
 * callers treat `true` as "worth trying", never as proof the backend can be reached.
 */

/** Whether the browser says it is online now. */
export function browserOnline(): boolean {
  // Outside a browser (no navigator) nothing says otherwise.
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

/**
 * Calls `listener` with `false` when the browser goes offline and `true` when it comes back;
 * returns the teardown that removes both listeners.
 */
export function watchOnline(listener: (online: boolean) => void, target: EventTarget = window): () => void {
  const online = (): void => listener(true);
  const offline = (): void => listener(false);
  target.addEventListener('online', online);
  target.addEventListener('offline', offline);
  return () => {
    target.removeEventListener('online', online);
    target.removeEventListener('offline', offline);
  };
}
