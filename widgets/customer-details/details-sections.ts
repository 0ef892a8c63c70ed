/**
 * The sections of the customer details, in the order the tabs list them. Each id is also the last
 * segment of the route a host maps (`/organization/:id/<section>`), the same shape as the grid's
 * row links.
 */
export const DETAILS_SECTIONS = ['profile', 'contacts', 'people', 'tenants', 'linked-accounts', 'contracts', 'onboarding', 'products', 'orders', 'invoices', 'subscriptions', 'audit'] as const;
export type DetailsSection = (typeof DETAILS_SECTIONS)[number];

export const SECTION_LABELS: Readonly<Record<DetailsSection, string>> = {
  profile: 'Profile',
  contacts: 'Contacts',
  people: 'People',
  tenants: 'Tenants and subscriptions',
  'linked-accounts': 'Linked accounts',
  contracts: 'Contracts',
  onboarding: 'Onboarding',
  products: 'Products',
  orders: 'Orders',
  invoices: 'Invoices',
  subscriptions: 'Subscriptions',
  audit: 'Audit log',
};

/** A section id from a route or attribute (untrusted); anything else is the profile. */
export const sectionOf = (value: unknown): DetailsSection => ((DETAILS_SECTIONS as readonly unknown[]).includes(value) ? (value as DetailsSection) : 'profile');
