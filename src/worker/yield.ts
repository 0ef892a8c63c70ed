/**
 * Lets queued tasks (a query or a cancel from the page) run between slices of long work in the
 * worker. A message, not `setTimeout(0)`: nested timers are clamped to 4 ms, as long as a whole
 * slice of background work.
 */
export function yieldToQueue(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
