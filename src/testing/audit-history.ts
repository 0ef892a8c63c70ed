/**
 * A long audit history in the embedded backend's store, for tests and the bench: `count` entries
 * about the demo tenant's organizations, one second apart and all in the past, written into the
 * store of a local configuration (in memory here, and in its IndexedDB, where a data worker opened
 * on the same configuration afterwards reads them).
 */
import type {LocalBackendConfig} from '../shared/contract/backend.js';
import {DEMO_TENANTS, DEMO_USERS} from '../shared/demo-tenant.js';
import type {AuditAction, OrganizationSummary} from '../shared/model/types.js';
import {createEmbeddedBackend, importAuditEntries, type AuditRecord} from '../worker/backends/embedded/embedded-backend.js';

/** When the seeded history starts; the newest entry is `count` seconds later, long before any test's own writes. */
export const AUDIT_HISTORY_START = '2025-01-01T00:00:00.000Z';

const KINDS: readonly {action: AuditAction; fields?: string[]; subject?: string}[] = [
  {action: 'update', fields: ['description']},
  {action: 'contact-add', fields: ['contacts'], subject: 'Ada Lovelace'},
  {action: 'people-change', fields: ['readers'], subject: 'Readers: added Grace Hopper'},
  {action: 'suspend', fields: ['status']},
  {action: 'resume', fields: ['status']},
  {action: 'onboarding-start', fields: ['onboardingTasks'], subject: 'Invite tenant admin'},
];

export interface AuditHistoryOptions {
  /** Every entry about this organization (e.g. the one a details view shows); default: round robin over all. */
  organizationId?: string;
}

/**
 * Adds `count` audit entries about the organizations of `config`'s demo tenant (round robin, or
 * all about `organizationId`), made by the distributor's admin acting in the distributor's view.
 * Returns them, oldest first.
 */
export async function seedAuditHistory(config: LocalBackendConfig, count: number, options: AuditHistoryOptions = {}): Promise<AuditRecord[]> {
  const backend = await createEmbeddedBackend({...config, userId: DEMO_USERS.distributorAdmin});
  const scope = {tenantId: DEMO_TENANTS.distributor};
  const orgs: OrganizationSummary[] = [];
  for (let cursor: string | undefined, pages = 0; pages < 100; pages++) {
    const page = await backend.listOrganizations(scope, {cursor, limit: 10_000});
    orgs.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  if (options.organizationId !== undefined) {
    const one = orgs.find((o) => o.id === options.organizationId);
    if (!one) throw new Error(`seedAuditHistory: no organization "${options.organizationId}" in the demo tenant of this configuration.`);
    orgs.splice(0, orgs.length, one);
  }
  const actorName = (await backend.session()).user.displayName;
  const start = Date.parse(AUDIT_HISTORY_START);
  const entries: AuditRecord[] = [];
  for (let i = 0; i < count; i++) {
    const org = orgs[i % orgs.length];
    const kind = KINDS[i % KINDS.length];
    entries.push({
      id: `aud-history-${String(i).padStart(7, '0')}`,
      at: new Date(start + i * 1000).toISOString(),
      actorId: DEMO_USERS.distributorAdmin,
      actorName,
      actingTenantId: DEMO_TENANTS.distributor,
      organizationId: org.id,
      organizationName: org.name,
      action: kind.action,
      ...(kind.fields && {fields: kind.fields}),
      ...(kind.subject && {subject: kind.subject}),
      ancestorIds: [...org.ancestorIds],
    });
  }
  const added = await importAuditEntries(config, entries);
  if (added !== count) throw new Error(`seedAuditHistory: ${added} of ${count} entries were added (ids already there?).`);
  return entries;
}
