import {detailsShowRecord, placement} from '../checks.mjs';

export default async function check(page, t) {
  await placement(page, t, 'worker');
  await t.test('a property bound by Vue (:viewState.prop) reaches the grid: it starts sorted by name, descending', async () => {
    await page.locator('organizations-grid [role="row"][data-org-id]').first().waitFor();
    const sort = await page.locator('organizations-grid [role="columnheader"][data-key="name"]').getAttribute('aria-sort');
    if (sort !== 'descending') throw new Error(`the name column is ${sort}`);
  });
  await t.test("the grid's event reaches Vue's handler: sorting shows in the app's own text", async () => {
    await page.locator('organizations-grid [role="columnheader"][data-key="name"]').click();
    await page.waitForFunction(() => document.querySelector('#sort')?.textContent === 'name asc');
  });
  await detailsShowRecord(page, t);
}
