/**
 * What a section of the customer details gets from the element: the record and its ETag, the
 * acting scope and client, whether a write may be sent now (and if not, why), and one way to send
 * a write whose answer becomes the record on screen. Sections that keep state of their own (a form,
 * a paged list) are reactive controllers of the element; the rest are render functions.
 */
import type {DataClient} from '../../../src/page/data-client.js';
import type {Scope} from '../../../src/shared/contract/backend.js';
import type {Organization} from '../../../src/shared/model/types.js';

/** A write's answer: the record with its new ETag. */
export type Written = {value: Organization; etag: string};

export interface SectionContext {
  readonly org: Organization;
  readonly etag: string;
  readonly scope: Scope;
  readonly client: DataClient;
  /** Why writes cannot be sent now (offline, a read-only role, an archived customer); `null` when they can. */
  readonly writeBlocked: string | null;
  /**
   * Sends a write with the record's ETag; its answer replaces the record, and it resolves `true`.
   * A failure rejects with the error for the section to show where the user is (leaving what they
   * entered in place); a version conflict also makes the element offer Reload.
   */
  write(what: string, run: (etag: string, signal: AbortSignal) => Promise<Written>): Promise<true>;
  /** Says something to screen-reader users (the element's live region). */
  announce(message: string): void;
}
