/**
 * The demo data follows the rules the server applies to a change: an edit of a generated
 * organization that changes one field is never refused for a field the user did not touch.
 */
import {expect} from '@open-wc/testing';
import {fieldRuleIssues, patchIssues} from '../../../shared/contract/server-checks.js';
import {check as checkFeatures} from '../../../shared/forms/features.js';
import {validate} from '../../../shared/model/schema.js';
import {OrganizationSchema} from '../../../shared/model/schemas.js';
import {NOT_PATCHABLE_FIELDS, type Organization, type OrganizationPatch} from '../../../shared/model/types.js';
import {detailFor, generateSeed, staffByTenant} from './seed.js';

/** Every field of the record a patch may carry, as they are: what an update that sends the whole form sees. */
function wholePatch(org: Organization): OrganizationPatch {
  const patch: Record<string, unknown> = {...org};
  for (const k of NOT_PATCHABLE_FIELDS) delete patch[k];
  return patch as OrganizationPatch;
}

describe('seed: generated organizations pass the server checks', () => {
  // Every kind (distributor, resellers, anchors, customers), from two seeds.
  const records = [1, 7].flatMap((seed) => {
    const {organizations, users} = generateSeed({organizations: 300, seed});
    const staff = staffByTenant(users);
    return organizations.map((o) => detailFor(o, staff));
  });

  it('each full record, sent back whole as an update, is refused for nothing', async () => {
    expect(records.length).to.be.greaterThan(600);
    expect(new Set(records.map((o) => o.kind))).to.deep.equal(new Set(['distributor', 'reseller', 'customer-organization', 'customer']));
    const refused: string[] = [];
    for (const org of records) {
      expect(validate(OrganizationSchema, org), org.id).to.deep.equal([]);
      for (const i of await patchIssues(org, wholePatch(org))) refused.push(`${org.id} ${i.path}: ${i.message}`);
      // The rules alone, with the stored licence expiry as the one kept.
      for (const i of await fieldRuleIssues(org, {previous: org})) refused.push(`${org.id} ${i.path} (rules): ${i.message}`);
    }
    expect(refused.slice(0, 20), `${refused.length} refusals`).to.deep.equal([]);
  });

  it('switch features on only with what they need, and give whatever collects data a run-as account', () => {
    for (const org of records) {
      expect(checkFeatures(org.features), org.id).to.deep.equal([]);
      const collects = org.features.security || org.features.operations || org.features.costDetails;
      expect(org.runAsAccount !== null, org.id).to.equal(collects);
    }
    // Drawn in the same share as before, less those whose needs were off.
    const share = records.filter((o) => o.features.governanceVisualizer).length / records.length;
    expect(share).to.be.within(0.1, 0.35);
  });

  it('one field changed on a generated organization is judged on that field alone', async () => {
    for (const org of records.slice(0, 50)) {
      expect(await patchIssues(org, {description: `${org.description} Renewed.`}), org.id).to.deep.equal([]);
      expect(await patchIssues(org, {name: `${org.name} (renamed)`}), org.id).to.deep.equal([]);
      expect(await patchIssues(org, {schedules: {...org.schedules, cost: '0 5 * * *'}}), org.id).to.deep.equal([]);
      expect((await patchIssues(org, {notifications: {...org.notifications, emails: ['not an email']}})).map((i) => i.path), org.id).to.deep.equal(['notifications.emails[0]']);
    }
  });
});
