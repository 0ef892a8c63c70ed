/**
 * Comlink keeps only `name`, `message` and `stack` of a thrown error. Widgets need the typed
 * `TenantryError` (its code, status, issues, retry-after) on the main thread, so both ends
 * install this replacement for comlink's "throw" handler. Import it for its effect in the worker
 * and in the client; installing twice is harmless.
 */
import {transferHandlers, type TransferHandler} from 'comlink';
import {TenantryError, type ErrorCode, type ErrorDetails} from './contract/errors.js';

type Wire = {isError: true; tenantry: {code: ErrorCode; message: string; details: ErrorDetails}} | {isError: true; plain: {name: string; message: string}} | {isError: false; value: unknown};

// comlink marks thrown values with a private symbol; its own handler is the only one that can tell.
const original = transferHandlers.get('throw')!;

const throwHandler: TransferHandler<{value: unknown}, Wire> = {
  canHandle: (value: unknown): value is {value: unknown} => original.canHandle(value),
  serialize({value}) {
    if (value instanceof TenantryError) {
      return [{isError: true, tenantry: {code: value.code, message: value.message, details: value.details}}, []];
    }
    if (value instanceof Error) return [{isError: true, plain: {name: value.name, message: value.message}}, []];
    return [{isError: false, value}, []];
  },
  deserialize(wire) {
    if (!wire.isError) throw wire.value;
    if ('tenantry' in wire) throw new TenantryError(wire.tenantry.code, wire.tenantry.message, wire.tenantry.details);
    throw Object.assign(new Error(wire.plain.message), {name: wire.plain.name});
  },
};

if (!(original as {tenantry?: true}).tenantry) {
  transferHandlers.set('throw', Object.assign(throwHandler, {tenantry: true}) as TransferHandler<unknown, unknown>);
}
