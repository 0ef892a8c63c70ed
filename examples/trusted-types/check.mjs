import {everyElementWorks, placement} from '../checks.mjs';

export default async function check(page, t) {
  await placement(page, t, 'worker');
  await everyElementWorks(page, t);
  await t.test("the host's own Lit renders beside the bundle's", async () => {
    const text = await page.locator('host-banner p').textContent();
    if (!text.includes("host's own Lit")) throw new Error(`host-banner shows "${text}"`);
  });
  await t.test('a tag the host defined first stays the host’s', async () => {
    const text = (await page.locator('accounts-grid').textContent()).trim();
    if (text !== "The host's own accounts-grid") throw new Error(`<accounts-grid> shows "${text}"`);
  });
}
