/**
 * Defines the elements of the script-tag bundle as a page uses them: each element's code is a
 * chunk of its own, imported the first time its tag is in the document (seen at once, then by a
 * MutationObserver). A page showing only the grid never loads the wizard. A tag the page already
 * defined (another copy of Tenantry, the host's own element) is left alone.
 *
 * Elements a host creates inside its own shadow roots are out of the observer's sight: call
 * `load(tag…)` (or `load()` for all) first.
 */
const ELEMENTS: Readonly<Record<string, () => Promise<unknown>>> = {
  // First: the page's configuration, which every other element may be waiting for.
  'tenantry-config': () => import('../widgets/tenantry-config/tenantry-config.js'),
  'organizations-grid': () => import('../widgets/organizations-grid/organizations-grid.js'),
  'tenant-switcher': () => import('../widgets/tenant-switcher/tenant-switcher.js'),
  'customer-wizard': () => import('../widgets/customer-wizard/customer-wizard.js'),
  'customer-details': () => import('../widgets/customer-details/customer-details.js'),
  'accounts-grid': () => import('../widgets/accounts-grid/accounts-grid.js'),
  'tenantry-lifecycle-dialog': () => import('../widgets/lifecycle-dialog/lifecycle-dialog.js'),
  'tenantry-column-chooser': () => import('../widgets/column-chooser/column-chooser.js'),
  'tenantry-grid-filters': () => import('../widgets/grid-filters/grid-filters.js'),
  'tenantry-saved-views': () => import('../widgets/saved-views/saved-views.js'),
  'tenantry-user-combobox': () => import('../widgets/user-combobox/user-combobox.js'),
};

/** Every tag this bundle defines. */
export const ELEMENT_TAGS: readonly string[] = Object.keys(ELEMENTS);

const loads = new Map<string, Promise<void>>();
let observer: MutationObserver | null = null;

/** Loads and defines the given elements (all when none is named); resolves once they are defined. */
export function load(...tags: string[]): Promise<void> {
  return Promise.all((tags.length ? tags : ELEMENT_TAGS).map(loadOne)).then(() => undefined);
}

function loadOne(tag: string): Promise<void> {
  const importer = ELEMENTS[tag];
  if (!importer) return Promise.reject(new TypeError(`Tenantry has no element <${tag}>; it has ${ELEMENT_TAGS.join(', ')}.`));
  let pending = loads.get(tag);
  if (!pending) {
    pending = customElements.get(tag)
      ? Promise.resolve()
      : importer().then(
          () => undefined,
          (e: unknown) => {
            // Forgotten, so the next sight of the tag (or `load`) tries again.
            loads.delete(tag);
            throw e;
          },
        );
    loads.set(tag, pending);
    if (loads.size === ELEMENT_TAGS.length) stopWatching();
  }
  return pending;
}

/** Loads the elements whose tags are in `root` and not loaded yet. */
function scan(root: Element | Document): void {
  const waiting = ELEMENT_TAGS.filter((t) => !loads.has(t));
  if (!waiting.length) return;
  const found = new Set<string>();
  if (root instanceof Element && waiting.includes(root.localName)) found.add(root.localName);
  for (const el of root.querySelectorAll(waiting.join(','))) found.add(el.localName);
  for (const tag of found) loadOne(tag).catch((e: unknown) => console.error(`Tenantry: <${tag}> could not be loaded.`, e));
}

/** Starts watching the document; the observer stops once every element is loaded. */
export function watchDocument(): void {
  if (observer) return;
  scan(document);
  if (loads.size === ELEMENT_TAGS.length) return;
  observer = new MutationObserver((records) => {
    for (const r of records) for (const node of r.addedNodes) if (node instanceof Element) scan(node);
  });
  observer.observe(document.documentElement, {childList: true, subtree: true});
}

function stopWatching(): void {
  observer?.disconnect();
  observer = null;
}
