/**
 * The sections of the customer details, in the order the tabs list them. Each id is also the last
 * segment of the route a host maps (`/organization/:id/<section>`), the same shape as the grid's
 * row links.
 */
import {msg} from '@lit/localize';

export const DETAILS_SECTIONS = ['profile', 'contacts', 'people', 'tenants', 'linked-accounts', 'contracts', 'onboarding', 'products', 'orders', 'invoices', 'subscriptions', 'audit'] as const;
export type DetailsSection = (typeof DETAILS_SECTIONS)[number];

export const SECTION_LABELS: Readonly<Record<DetailsSection, string>> = {
  get profile() {
    return msg('Profile');
  },
  get contacts() {
    return msg('Contacts');
  },
  get people() {
    return msg('People');
  },
  get tenants() {
    return msg('Tenants and subscriptions');
  },
  get 'linked-accounts'() {
    return msg('Linked accounts');
  },
  get contracts() {
    return msg('Contracts');
  },
  get onboarding() {
    return msg('Onboarding');
  },
  get products() {
    return msg('Products');
  },
  get orders() {
    return msg('Orders');
  },
  get invoices() {
    return msg('Invoices');
  },
  get subscriptions() {
    return msg('Subscriptions');
  },
  get audit() {
    return msg('Audit log');
  },
};

/** A section id from a route or attribute (untrusted); anything else is the profile. */
export const sectionOf = (value: unknown): DetailsSection => ((DETAILS_SECTIONS as readonly unknown[]).includes(value) ? (value as DetailsSection) : 'profile');
