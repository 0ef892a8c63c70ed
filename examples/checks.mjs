// What every example page shows, checked the way a user would see it (Playwright's CSS locators
// pierce open shadow roots). Each check is one test of the example runner (scripts/examples.mjs).

const rowIds = (page) => page.locator('organizations-grid [role="row"][data-org-id]').evaluateAll((rows) => rows.map((r) => r.dataset.orgId));

/** Where the page's data plane runs (`data-placement` on <body>, set by the page's script). */
export async function placement(page, t, expected) {
  await t.test(`the data plane runs in ${expected}`, async () => {
    await page.waitForFunction(() => document.body.dataset.placement, null);
    const actual = await page.evaluate(() => document.body.dataset.placement);
    if (actual !== expected) throw new Error(`it runs in ${actual}`);
  });
}

export async function gridShowsRowsAndSorts(page, t) {
  await t.test('<organizations-grid> shows rows and sorts by a header click', async () => {
    await page.locator('organizations-grid [role="row"][data-org-id]').first().waitFor();
    const name = page.locator('organizations-grid [role="columnheader"][data-key="name"]');
    if ((await name.getAttribute('aria-sort')) !== 'ascending') throw new Error('the grid did not start sorted by name');
    const before = await rowIds(page);
    await name.click();
    await page.waitForFunction(() => document.querySelector('organizations-grid')?.shadowRoot?.querySelector('[role="columnheader"][data-key="name"]')?.getAttribute('aria-sort') === 'descending');
    await page.waitForFunction((first) => {
      const row = document.querySelector('organizations-grid')?.shadowRoot?.querySelector('[role="row"][data-org-id]');
      return row && row.getAttribute('data-org-id') !== first;
    }, before[0]);
    const after = await rowIds(page);
    if (after.length < 2 || after[0] === before[0]) throw new Error(`rows did not change order: ${before.slice(0, 3)} → ${after.slice(0, 3)}`);
  });
}

export async function switcherSwitches(page, t) {
  await t.test('<tenant-switcher> opens, and choosing a customer switches the acting tenant', async () => {
    const name = page.locator('tenant-switcher [part~="name"]');
    await page.waitForFunction(() => !/Loading/.test(document.querySelector('tenant-switcher')?.shadowRoot?.querySelector('[part~="name"]')?.textContent ?? 'Loading'));
    const home = (await name.textContent()).trim();
    await page.locator('tenant-switcher [part~="segment-button"]', {hasText: 'A customer'}).click();
    const option = page.locator('tenant-switcher [role="option"]').first();
    await option.waitFor();
    const chosen = (await option.locator('[part~="option-name"]').textContent()).trim();
    await option.click();
    await page.waitForFunction((want) => document.querySelector('tenant-switcher')?.shadowRoot?.querySelector('[part~="name"]')?.textContent?.includes(want), chosen);
    if (chosen === home) throw new Error('the first option was the home tenant');
    const url = new URL(page.url());
    if (!url.searchParams.get('tenant')) throw new Error('the acting tenant is not in the URL');
  });
}

export async function wizardOpens(page, t) {
  await t.test('<customer-wizard> opens its first step', async () => {
    await page.locator('customer-wizard h3[part="step-title"]').waitFor();
    const step = (await page.locator('customer-wizard h3[part="step-title"]').textContent()).trim();
    if (step !== 'Organization') throw new Error(`the first step is "${step}"`);
    await page.locator('customer-wizard input').first().waitFor();
  });
}

export async function detailsShowRecord(page, t) {
  await t.test('<customer-details> shows the organization', async () => {
    const title = page.locator('customer-details h2[part="title"]');
    await title.waitFor();
    const text = (await title.textContent()).trim();
    if (!text) throw new Error('the details have no title');
  });
}

/** Every element of the page, as the examples host them. */
export async function everyElementWorks(page, t) {
  await gridShowsRowsAndSorts(page, t);
  await wizardOpens(page, t);
  await detailsShowRecord(page, t);
  // Last: switching the acting tenant changes what the others show.
  await switcherSwitches(page, t);
}
