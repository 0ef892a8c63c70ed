/**
 * What widgets call to show an error, a notice or a configuration problem in the page's language:
 * `errorText(e)` (never `e.message`), `noticeText`, `configProblemText`, `reasonText`.
 *
 * The wording itself (`message-words.ts`: every reason of `src/shared/contract/reasons.ts`, through
 * the catalogue) is a chunk of its own, loaded the first time a message is shown: most page loads
 * show none, and its English source text would otherwise weigh on every widget's first paint. Until
 * it has arrived a message reads "Loading…"; then every element renders again (the locale
 * controller follows `onMessagesLoaded`). Should it fail to load, the English an error carries is
 * shown, and the next message tries again.
 */
import {msg} from '@lit/localize';
import type {Reason} from '../shared/contract/reasons.js';
import type {CacheNotice} from '../shared/protocol.js';
import {lazyModule} from './kit/lazy-module.js';

const wordsCode = lazyModule(() => import('./message-words.js'));
/** The last load failed: English until the next one succeeds. */
let failed = false;
const listeners = new Set<() => void>();

let settling: Promise<void> | null = null;

/** Loads the wording (once); resolves when it is there or could not be had. Listeners hear of each outcome once. */
export function loadMessages(): Promise<void> {
  if (wordsCode.value) return Promise.resolve();
  const notify = (): void => {
    for (const listener of [...listeners]) listener();
  };
  return (settling ??= wordsCode.load().then(
    () => {
      failed = false;
      notify();
    },
    () => {
      failed = true;
      settling = null;
      notify();
    },
  ));
}

/** Calls `listener` when the wording has loaded (or failed to); returns the unsubscribe. */
export function onMessagesLoaded(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Until the wording is there: it is asked for, and a message reads "Loading…" (English after a failed load). */
function pending(english: () => string): string {
  const fallback = failed ? english() : msg('Loading…');
  void loadMessages();
  return fallback;
}

const englishOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * What a user reads of an error: its reason in the page's language, with the backend's own words
 * (and a refusal's issues) as a detail; the English message when the reason is unknown or
 * missing; for anything that is not an error of ours, `fallback()` (default: its own text).
 */
export function errorText(error: unknown, fallback?: () => string): string {
  return wordsCode.value ? wordsCode.value.errorText(error, fallback) : pending(() => englishOf(error));
}

/** A reason in the page's language, with the reason it followed from after it. */
export function reasonText(reason: Reason): string {
  return wordsCode.value ? wordsCode.value.reasonText(reason) : pending(() => msg('This could not be shown; try again.'));
}

/** What the cache tells the user, by its kind and reason. */
export function noticeText(notice: CacheNotice): string {
  return wordsCode.value ? wordsCode.value.noticeText(notice) : pending(() => notice.message);
}

/** A configuration problem and its fix, with backticked code (`renderCodeText`): worded by its reason, else as published. */
export function configProblemText(status: {problem: string; fix: string; reason?: Reason}): string {
  return wordsCode.value ? wordsCode.value.configProblemText(status) : pending(() => `${status.problem} ${status.fix}`);
}
