import {everyElementWorks} from '../checks.mjs';

export default async function check(page, t) {
  await t.test('the data comes from the reference server on its own origin', async () => {
    await page.locator('organizations-grid [role="row"][data-org-id]').first().waitFor();
    const origin = new URL(page.url()).origin;
    const api = await page.locator('tenantry-config').getAttribute('backend');
    if (!api || new URL(api).origin === origin) throw new Error(`the backend ${api} is not on another origin than ${origin}`);
    // The worker's requests are not the page's to see; ask the server with the page's own cookie.
    const session = await page.evaluate(async (url) => (await fetch(`${url}session`, {credentials: 'include'})).json(), api);
    if (session?.user?.id !== 'u-dist-1-admin') throw new Error(`the server's session is ${JSON.stringify(session)}`);
  });
  await everyElementWorks(page, t);
}
