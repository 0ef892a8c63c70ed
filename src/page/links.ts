/**
 * Links to an organization's pages from a host's `href-template`, e.g. `/organization/{id}/{view}`
 * (the grid's row links, the details' Edit). Only relative and http(s) URLs are made: a template
 * that resolves to any other scheme (`javascript:`, `data:`…) is refused as a whole, and the id is
 * always percent-encoded so it cannot add path segments, a query or a scheme.
 */

/** The organization pages a host routes to; `profile` is the organization's own page. */
export const ROW_VIEWS = ['profile', 'edit', 'dashboard', 'cost', 'security', 'operations', 'tasks'] as const;
export type RowView = (typeof ROW_VIEWS)[number];

const SAFE_PROTOCOLS = new Set(['http:', 'https:']);

function fill(template: string, id: string, view: RowView): string {
  const segment = view === 'profile' ? '' : view;
  // `/{view}` with no view drops its slash too: `/organization/42`, not `/organization/42/`.
  return template
    .replace(/\/\{view\}/g, segment ? `/${segment}` : '')
    .replace(/\{view\}/g, segment)
    .replace(/\{id\}/g, encodeURIComponent(id));
}

function isSafe(href: string): boolean {
  try {
    return SAFE_PROTOCOLS.has(new URL(href, document.baseURI).protocol);
  } catch {
    return false;
  }
}

/** Whether a template yields only safe links (checked with a harmless id). */
export function isSafeTemplate(template: string | null | undefined): template is string {
  if (!template || !template.includes('{id}')) return false;
  return ROW_VIEWS.every((v) => isSafe(fill(template, 'x', v)));
}

/** The link for one organization page, or `null` when there is no safe template. */
export function rowHref(template: string | null | undefined, id: string, view: RowView): string | null {
  if (!isSafeTemplate(template)) return null;
  const href = fill(template, id, view);
  return isSafe(href) ? href : null;
}
