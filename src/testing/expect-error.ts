/** Test-only: awaits a call that must fail and returns its typed error. Never imported by production code. */
import {expect} from '@open-wc/testing';
import {TenantryError} from '../shared/contract/errors.js';

export async function rejectsWith(promise: Promise<unknown>): Promise<TenantryError> {
  try {
    await promise;
  } catch (e) {
    expect(e, String(e)).to.be.instanceOf(TenantryError);
    return e as TenantryError;
  }
  throw new Error('expected the call to fail');
}
