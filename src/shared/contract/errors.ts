/**
 * Typed errors of the data plane. Every failure a widget can meet is one of these codes, so a
 * widget can say what went wrong (and offer retry) without parsing messages; what a user reads is
 * the error's `reason`, worded by the page (`src/page/messages.ts`), the English `message` being
 * for logs and for reasons a page does not know. They keep their code and details across the
 * worker boundary (see `shared/transfer.ts`).
 */
import type {Issue} from '../model/schema.js';
import type {Organization} from '../model/types.js';
import type {Reason} from './reasons.js';

export const ERROR_CODES = [
  /** The request was cancelled by its owner; never shown to a user. */
  'aborted',
  /** No answer in time. */
  'timeout',
  /** The connection failed or was reset. */
  'network',
  /** 429: too many requests; `retryAfterMs` says when to try again. */
  'rate-limited',
  /** 502/503/504: the backend is temporarily unavailable. */
  'unavailable',
  /** 5xx other than the above. */
  'server',
  /** 401: not signed in, or the session expired. */
  'unauthenticated',
  /** 403: the acting scope or role may not do this. */
  'forbidden',
  /** 404: no such thing in this scope (also for things outside the caller's scope). */
  'not-found',
  /** 409: the request conflicts with the state (e.g. delete before suspend). */
  'conflict',
  /** 412: the record changed since it was read (`If-Match` failed). */
  'version-conflict',
  /** 428: the server requires `If-Match` on this change, and none (or an empty one) was sent. */
  'precondition-required',
  /** 400/422: the request was refused as invalid. */
  'invalid-request',
  /** The response did not match the contract (bad JSON, wrong shape). */
  'invalid-response',
  /** The response was larger than the client accepts. */
  'too-large',
  /** Local storage (IndexedDB) failed. */
  'storage',
  /** Misconfiguration on our side (bad base URL, …). */
  'config',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetails {
  /** HTTP status, where there was a response. */
  status?: number;
  /** How long the server asked us to wait before retrying. */
  retryAfterMs?: number;
  /** What was wrong with a response or request, by path. */
  issues?: Issue[];
  /** The request's method and path, for the message and for logs. */
  request?: string;
  /** For `version-conflict`: the version the server holds now, when it said. */
  currentVersion?: number;
  /** For `version-conflict` on a change: the record as the server holds it now, with its ETag (to show a merge). */
  current?: {value: Organization; etag: string};
  /** What a user is told, as an id with parameters (`reasons.ts`); the page words it in its language. */
  reason?: Reason;
  /**
   * Words from outside our code (a server's error body, a host's token provider, the browser's
   * reason): shown after our sentence as a detail, as text, never as the sentence itself.
   */
  detail?: string;
}

export class TenantryError extends Error {
  override readonly name = 'TenantryError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
  }

  /** What a user is told (`details.reason`); without one, a page shows the English message. */
  get reason(): Reason | undefined {
    return this.details.reason;
  }

  /** Whether trying the same idempotent request again may succeed. */
  get retryable(): boolean {
    return isRetryable(this.code);
  }
}

/**
 * An error only a mistake in code can cause (a malformed query or scope from a page, a write without
 * the ETag it read, a bad option): it has no reason, as no user can meet it, and its English is for
 * the developer. `scripts/check-l10n.mjs` lets these alone; every other error of the worker, the
 * shared layer and the server carries a reason.
 */
export const misuse = (code: ErrorCode, message: string, details?: ErrorDetails): TenantryError => new TenantryError(code, message, details);

/** Whether a failure of this code may pass when the same idempotent request is sent again. */
export const isRetryable = (code: ErrorCode): boolean => ['timeout', 'network', 'rate-limited', 'unavailable', 'server'].includes(code);

export const isTenantryError = (e: unknown): e is TenantryError => e instanceof TenantryError;

export const isAbort = (e: unknown): boolean =>
  (e instanceof TenantryError && e.code === 'aborted') || (e instanceof DOMException && e.name === 'AbortError');

/** The error a cancelled operation rejects with. */
export const abortError = (what = 'The request'): TenantryError => new TenantryError('aborted', `${what} was cancelled.`);

/** Throws the abort error if the signal has fired; call at every yield point of long work. */
export function throwIfAborted(signal: AbortSignal | undefined, what?: string): void {
  if (signal?.aborted) throw abortError(what);
}
