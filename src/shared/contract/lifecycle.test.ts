import {expect} from '@open-wc/testing';
import {LIFECYCLE_ACTIONS, ORG_STATUSES} from '../model/types.js';
import {TenantryError} from './errors.js';
import {checkLifecycleAction, LIFECYCLE_MOVES, lifecycleMove, lifecycleTarget} from './lifecycle.js';

describe('lifecycle rules', () => {
  it('allow exactly the moves of the lifecycle, and LIFECYCLE_MOVES lists them', () => {
    const allowed: Record<string, string> = {
      'active suspend': 'suspended',
      'suspended resume': 'active',
      'active disable': 'inactive',
      'inactive enable': 'active',
      'active archive': 'archived',
      'inactive archive': 'archived',
      'suspended archive': 'archived',
    };
    for (const status of ORG_STATUSES) {
      for (const action of LIFECYCLE_ACTIONS) {
        const to = allowed[`${status} ${action}`] ?? null;
        expect(lifecycleTarget(status, action), `${status} ${action}`).to.equal(to);
        expect(LIFECYCLE_MOVES[status].some((m) => m.action === action && m.to === to), `${status} ${action} listed`).to.equal(to !== null);
        if (to) expect(lifecycleMove(status, action)).to.equal(to);
        else {
          const e = (() => {
            try {
              lifecycleMove(status, action, 'customer');
            } catch (x) {
              return x as TenantryError;
            }
            throw new Error(`${status} ${action} was allowed`);
          })();
          expect(e.code).to.equal('conflict');
          expect(e.message, `${status} ${action}`).to.match(new RegExp(`^Only an? .+ customer can be \\w+; this one is ${status}\\.$`));
        }
      }
    }
  });

  it('name the move and the status in words', () => {
    expect(() => lifecycleMove('archived', 'suspend', 'customer')).to.throw('Only an active customer can be suspended; this one is archived.');
    expect(() => lifecycleMove('archived', 'archive', 'customer-organization')).to.throw('Only an active, inactive or suspended customer organization can be archived; this one is archived.');
    expect(() => lifecycleMove('active', 'enable')).to.throw('Only an inactive organization can be enabled; this one is active.');
  });

  it('accept only the known actions', () => {
    expect(checkLifecycleAction('resume')).to.equal('resume');
    for (const bad of ['delete', '', null, 1, 'Suspend']) expect(() => checkLifecycleAction(bad), String(bad)).to.throw(TenantryError).with.property('code', 'invalid-request');
  });
});
