/**
 * The sections of the customer details that open on demand (contacts, people, linked accounts, the
 * contracts and commerce lists, the audit log), with what they bring: the contact form's rules,
 * the account panel, the people pickers. The details show their header and profile (and the
 * tenants and onboarding, read from the same record) without them; they load when the page is idle
 * after the details connected, or when one of these sections is opened first, which says it is
 * loading meanwhile. Each is a reactive controller of the element, made when this module arrives.
 */
import type {ReactiveControllerHost} from 'lit';
import {COMMERCE_KINDS, type CommerceKind, type Contract, type Id, type Session} from '../../src/shared/model/types.js';
import type {DetailsSection} from './details-sections.js';
import {AuditSection} from './sections/audit-section.js';
import {ContactsSection} from './sections/contacts-section.js';
import {LinkedAccountsSection} from './sections/linked-accounts-section.js';
import {CommerceSection, ContractsSection} from './sections/list-sections.js';
import {PeopleSection} from './sections/people-section.js';
import type {SectionContext} from './sections/section-context.js';

export {loadPeoplePicker} from './sections/people-section.js';

type Host = ReactiveControllerHost & HTMLElement & {readonly renderRoot: HTMLElement | DocumentFragment};

/** What the sections need of the element. */
export interface SectionsOptions {
  /** The open section. */
  section(): DetailsSection;
  /** The current record and what sections need with it, once all are known. */
  context(): SectionContext | null;
  /** The user opened a contract. */
  openContract(contract: Contract): void;
  session(): Session | null;
  homeTenantId(): Id | null;
  hrefTemplate(): string | null;
  announce(message: string): void;
}

/** The sections, each reading (and loading) only while it is the open one. */
export function makeSections(host: Host, options: SectionsOptions) {
  const whileOpen = (section: DetailsSection) => (): SectionContext | null => (options.section() === section ? options.context() : null);
  return {
    contacts: new ContactsSection(host),
    people: new PeopleSection(host),
    contracts: new ContractsSection(host, {context: whileOpen('contracts'), open: (c) => options.openContract(c)}),
    commerce: new CommerceSection(host, {
      context: () => {
        const section = options.section();
        const ctx = (COMMERCE_KINDS as readonly string[]).includes(section) ? options.context() : null;
        return ctx ? {ctx, kind: section as CommerceKind} : null;
      },
    }),
    audit: new AuditSection(host, {context: whileOpen('audit')}),
    linkedAccounts: new LinkedAccountsSection(host, {
      context: whileOpen('linked-accounts'),
      session: () => options.session(),
      homeTenantId: () => options.homeTenantId(),
      hrefTemplate: () => options.hrefTemplate(),
      announce: (message) => options.announce(message),
    }),
  };
}

export type Sections = ReturnType<typeof makeSections>;
