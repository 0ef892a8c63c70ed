/**
 * The list values a server derives from a full organization record. One function, used by the
 * embedded backend (and by any host backend written in TypeScript), so counts never disagree with
 * the items behind them.
 */
import type {ContractCounts, Organization, OrganizationSummary} from './types.js';

export function summarize(org: Organization): OrganizationSummary {
  const contractCounts: ContractCounts = {};
  for (const c of org.contracts) contractCounts[c.status] = (contractCounts[c.status] ?? 0) + 1;
  const done = org.onboardingTasks.filter((t) => t.state === 'done').length;
  return {
    id: org.id,
    kind: org.kind,
    parentId: org.parentId,
    ancestorIds: org.ancestorIds,
    name: org.name,
    domain: org.domain,
    status: org.status,
    plan: org.plan,
    owner: org.owner,
    admin: org.admin,
    createdAt: org.createdAt,
    updatedAt: org.updatedAt,
    version: org.version,
    projectedAnnualCost: org.projectedAnnualCost,
    savingsPercent: org.savingsPercent,
    secureScore: org.secureScore,
    lastCollection: org.lastCollection,
    readerCount: org.readers.length,
    activeTaskCount: org.activeTasks.length,
    sourceData: org.sourceData,
    contractCounts,
    onboarding: org.onboardingTasks.length && done < org.onboardingTasks.length ? {done, total: org.onboardingTasks.length} : null,
    licenseExpiresOn: org.licenseExpiresOn,
    creditQuota: org.creditQuota,
    storageRegion: org.storageRegion,
    workloads: org.workloads,
    tenants: org.azureTenants.map((t) => ({tenantId: t.tenantId, name: t.name, domain: t.domain})),
    linkedAccountCount: org.linkedAccounts.length,
  };
}

/** A full record with its derived list values brought up to date (after a create or patch). */
export function withDerived(org: Organization): Organization {
  return {...org, ...summarize(org)};
}
