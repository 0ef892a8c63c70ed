/** What every backend call takes: a signal its owner aborts when the answer is no longer wanted. */
export interface CallOptions {
  signal?: AbortSignal;
}
