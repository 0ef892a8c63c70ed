/**
 * What a step's view gets from the wizard: the values and fields (`FieldHost`), the mode, the
 * backend's reference lists, and a way to wait for lazily loaded data (countries' subdivisions,
 * user search) without each step keeping its own state.
 */
import type {TemplateResult} from 'lit';
import type {DataClient} from '../../../src/page/data-client.js';
import type {Scope} from '../../../src/shared/contract/backend.js';
import type {OrganizationInput} from '../../../src/shared/model/types.js';
import type {FieldHost} from '../wizard-fields.js';
import type {FieldPath} from '../wizard-values.js';
import type {StepId} from '../wizard-steps.js';

export interface StepContext extends FieldHost {
  readonly values: OrganizationInput;
  readonly mode: 'create' | 'edit';
  readonly client: DataClient;
  readonly scope: Scope;
  /** Replaces several fields in one change (one autosave, one render). */
  patch(changes: readonly (readonly [FieldPath, unknown])[]): void;
  /**
   * A value loaded once per key (and again only when the key changes): `undefined` while it
   * loads, then the value; the wizard renders again when it arrives. A failure reads as `null`.
   */
  load<T>(key: string, run: (signal: AbortSignal) => Promise<T>): T | null | undefined;
  /** Moves to a step (the review's "Change" links). */
  goTo(step: StepId): void;
  /**
   * A short note of this wizard next to a group of fields ("Tasks needs Security: switched on
   * too."), kept until it is replaced or the user moves to another step; `null` removes it.
   */
  say(key: string, text: string | null): void;
  /** The note said under `key`, if any. */
  said(key: string): string | undefined;
}

export type StepView = (ctx: StepContext) => TemplateResult;
