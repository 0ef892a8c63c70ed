/**
 * What a field rule returns. A `FormIssue` is an `Issue` of the schema kit (path + message) with
 * the message's id and parameters beside it, so the server can send it as it is and a page can
 * word it again in another language from `code` and `params`.
 */
import type {Issue} from '../model/schema.js';
import {message, type MessageArgs, type MessageId} from './messages.js';

export {joinPath} from './path.js';

export interface FormIssue extends Issue {
  readonly code: MessageId;
  readonly params: Readonly<Record<string, string | number>>;
}

/** A value as a rule normalised it (trimmed, for instance), and what is wrong with it. */
export interface Checked<T> {
  readonly value: T;
  readonly issues: readonly FormIssue[];
}

/** Options every field rule takes. */
export interface FieldOptions {
  /** Where the field is, e.g. `contacts[2].email`; issues carry it. */
  readonly path?: string;
  /** Empty is an issue (otherwise empty is accepted and nothing else is checked). */
  readonly required?: boolean;
}

export function issue<I extends MessageId>(path: string, code: I, ...args: MessageArgs<I>): FormIssue {
  const params = args[0] ?? {};
  return {path, code, params, message: message(code, ...args)};
}

/** Just path and message, as the schema kit and the REST contract carry them. */
export function toIssues(issues: readonly FormIssue[]): Issue[] {
  return issues.map(({path, message}) => ({path, message}));
}
