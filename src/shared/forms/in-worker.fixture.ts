/**
 * Test fixture, run as a module Worker by `in-worker.test.ts`: the rules, lazy libraries included,
 * where there is no DOM.
 */
import {checkEmail, checkLink} from './contact.js';
import {checkCron} from './cron.js';
import {describeCron, nextRuns} from './cron-reading.js';
import {checkIsoDate} from './dates.js';
import {enable} from './features.js';
import {checkPhone, checkPostalCode, countries, subdivisions} from './geo.js';
import {checkText} from './text.js';

async function run(): Promise<Record<string, unknown>> {
  return {
    hasDocument: typeof document !== 'undefined',
    text: checkText('Con\u200btoso', 'name').issues.map((i) => i.code),
    email: checkEmail('info@bücher.de').ascii,
    link: checkLink('javascript:alert(1)').issues.map((i) => i.code),
    country: countries('de').find((c) => c.code === 'DE')?.name,
    subdivision: (await subdivisions('US')).find((s) => s.code === 'US-CA')?.name,
    postal: (await checkPostalCode('GB', 'sw1a 1aa')).rule,
    phone: (await checkPhone('(425) 882-8080', {defaultCountry: 'US'})).e164,
    cron: checkCron('0 0 31 2 *').issues.map((i) => i.code),
    reading: await describeCron('0 2 * * *'),
    runs: (await nextRuns('0 9 * * *', {count: 1, timeZone: 'America/New_York', from: new Date('2026-01-02T00:00:00Z')})).map((d) => d.toISOString()),
    features: enable({security: false, operations: false, costDetails: false, biAnalytics: false, tasks: false, m365Security: false, governanceVisualizer: false}, 'biAnalytics').also,
    date: checkIsoDate('2027-02-29').issues.map((i) => i.code),
  };
}

self.onmessage = () => {
  run().then(
    (result) => self.postMessage({result}),
    (error: unknown) => self.postMessage({error: String(error)}),
  );
};
