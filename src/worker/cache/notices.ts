/** Notices of the dataset cache: what a user is told when the cache falls back to memory. */
import type {CacheNotice} from './contract.js';

const MESSAGES: Record<CacheNotice['reason'], string> = {
  unavailable:
    'Offline storage is not available in this browser (it may be disabled, or this is a private window), so data is kept in memory only and will be loaded again next time.',
  blocked:
    'Another Tenantry tab is using an older version of the offline storage, so this tab keeps its data in memory only. Close the other Tenantry tabs and reload to store data offline again.',
  quota:
    'The browser’s storage for this site is full, so data is now kept in memory only and will be loaded again next time. Freeing disk space or site data lets Tenantry store data offline again.',
  'version-change':
    'A newer version of Tenantry opened in another tab took over the offline storage, so this tab now keeps its data in memory only. Reload this tab to store data offline again.',
  error: 'Offline storage failed, so data is now kept in memory only and will be loaded again next time.',
};

export function noticeFor(reason: CacheNotice['reason']): CacheNotice {
  return {kind: 'memory-fallback', reason, message: MESSAGES[reason]};
}

/** Keeps the notices raised, replays them to each new subscriber, and isolates listeners' errors. */
export class NoticeHub {
  private readonly raised: CacheNotice[] = [];
  private readonly listeners = new Set<(notice: CacheNotice) => void>();

  raise(notice: CacheNotice): void {
    this.raised.push(notice);
    for (const listener of [...this.listeners]) deliver(listener, notice);
  }

  subscribe(listener: (notice: CacheNotice) => void): () => void {
    this.listeners.add(listener);
    for (const notice of this.raised) deliver(listener, notice);
    return () => void this.listeners.delete(listener);
  }
}

function deliver(listener: (notice: CacheNotice) => void, notice: CacheNotice): void {
  try {
    listener(notice);
  } catch (error) {
    // A failing listener must not stop the others nor the cache; surface it as an uncaught error.
    queueMicrotask(() => {
      throw error;
    });
  }
}
