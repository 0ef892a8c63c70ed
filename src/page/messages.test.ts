/**
 * What the worker and the backends say reaches the user in the page's language: real faults at the
 * network edge (msw before the REST contract served by the embedded backend), real refusals of the
 * backend's rules sent with their reason over that contract, real limits of the worker, each worded
 * by `src/page/messages.ts` in German and Arabic with its numbers and dates in the locale; a reason
 * the page does not know falls back to the status and the server's words, or to the English.
 */
import {expect} from '@open-wc/testing';
import {http, HttpResponse} from 'msw';
import type {HttpBackendConfig, Scope} from '../shared/contract/backend.js';
import {TenantryError} from '../shared/contract/errors.js';
import {DEMO_TENANTS, DEMO_USERS} from '../shared/demo-tenant.js';
import type {TenantNode} from '../shared/model/types.js';
import {rejectsWith} from '../testing/expect-error.js';
import {API, startMsw} from '../testing/msw.js';
import {embeddedRestHandler, serverTenants} from '../testing/rest-api.js';
import {DataClient} from './data-client.js';
import {readConfig} from './kit/page-config.js';
import {setLocale} from './locale.js';
import {configProblemText, errorText, reasonText} from './message-words.js';

const DIST: Scope = {tenantId: DEMO_TENANTS.distributor};
/** One attempt per call, and no wait after a Retry-After: each fault is met once, at once. */
const config: HttpBackendConfig = {kind: 'http', baseUrl: API, maxAttempts: 1, timeoutMs: 3000, backoffCapMs: 0};
const clients: DataClient[] = [];

/** The REST contract over a fresh embedded store; `refuse` answers instead while set, `down` fails every request. */
const net = {handle: embeddedRestHandler(60, 'messages'), refuse: null as null | ((request: Request) => Response | null), down: false};
let msw: Awaited<ReturnType<typeof startMsw>> | null = null;
before(async () => {
  msw = await startMsw(http.all(`${API}*`, ({request}) => (net.down ? HttpResponse.error() : (net.refuse?.(request) ?? net.handle(request)))));
});
after(() => msw?.stop());
afterEach(async () => {
  net.refuse = null;
  net.down = false;
  for (const c of clients.splice(0)) c.dispose();
  await setLocale('en');
});

function clientFor(options: {user?: string; cacheName?: string; offlineMaxAgeMs?: number} = {}): DataClient {
  const user = options.user ?? DEMO_USERS.distributorAdmin;
  const client = new DataClient({config, cacheName: options.cacheName ?? `tenantry-messages-${crypto.randomUUID()}`, tokenProvider: async () => `demo.${user}`, ...options});
  clients.push(client);
  return client;
}

async function customer(test: (t: TenantNode) => boolean): Promise<TenantNode> {
  return (await serverTenants(net.handle, DIST)).find((t) => t.kind === 'customer' && test(t))!;
}

const problem = (status: number, body: object, headers: Record<string, string> = {}): Response => HttpResponse.json(body, {status, headers});
const isOrganization = (request: Request): boolean => /\/organizations\/[^/]+$/.test(new URL(request.url).pathname);
/** `n` seconds as the locale writes them, by Intl itself (not by the code under test). */
const seconds = (locale: string, n: number): string => new Intl.NumberFormat(locale, {style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 1}).format(n);

describe('messages from the worker and the backends, in the page’s language', function () {
  this.timeout(60_000);

  it('words HTTP faults in German and Arabic, the server’s own words only as a detail after ours', async () => {
    const client = clientFor();
    await client.connected;
    const org = await customer(() => true);
    const fail = async (answer: Response | (() => Response)): Promise<TenantryError> => {
      net.refuse = (request) => (isOrganization(request) ? (typeof answer === 'function' ? answer() : answer.clone()) : null);
      return rejectsWith(client.getOrganization(DIST, org.id));
    };

    const crashed = await fail(problem(500, {code: 'server', message: 'Datenbank <b>weg</b>'}));
    // The English stays for logs and technicians.
    expect(crashed.message).to.contain('failed: the server failed (HTTP 500).');
    expect(errorText(crashed)).to.equal('The server failed (HTTP 500). The server said: “Datenbank <b>weg</b>”');
    await setLocale('de');
    expect(errorText(crashed)).to.equal('Auf dem Server ist ein Fehler aufgetreten (HTTP 500). Der Server meldete: „Datenbank <b>weg</b>“');

    const busy = await fail(problem(429, {code: 'rate-limited', message: 'Slow down'}, {'Retry-After': '90'}));
    expect(errorText(busy)).to.equal(`Zu viele Anfragen; versuchen Sie es in ${seconds('de', 90)} erneut. Der Server meldete: „Slow down“`);
    const down = await fail(problem(503, {code: 'unavailable', message: 'Wartung'}, {'Retry-After': '12'}));
    expect(errorText(down)).to.equal(`Der Dienst ist vorübergehend nicht verfügbar (HTTP 503); versuchen Sie es in ${seconds('de', 12)} erneut. Der Server meldete: „Wartung“`);
    const gone = await fail(problem(404, {code: 'not-found', message: 'No such organization in this scope.'}));
    expect(errorText(gone)).to.match(/^Im ausgewählten Mandanten nicht gefunden .* Der Server meldete: „No such organization in this scope\.“$/);
    const unreachable = await fail(() => HttpResponse.error());
    expect(errorText(unreachable)).to.equal('Der Server war nicht erreichbar (die Verbindung ist fehlgeschlagen oder wurde zurückgesetzt).');
    // A web page instead of data: its markup is never shown, not even as the server's words.
    const page = await fail(new HttpResponse('<html><body><h1>Portal sign-in</h1></body></html>', {status: 200, headers: {'Content-Type': 'text/html'}}));
    expect(errorText(page)).to.equal('Der Server hat mit einer Webseite statt mit Daten geantwortet; prüfen Sie die API-Adresse.');

    await setLocale('ar');
    expect(errorText(busy)).to.equal(`طلبات كثيرة جدًا؛ حاول مرة أخرى بعد ${seconds('ar', 90)}. قال الخادم: «Slow down»`);
    expect(errorText(unreachable)).to.equal('تعذّر الوصول إلى الخادم (فشل الاتصال أو أُعيد تعيينه).');
  });

  it('words a refusal of the backend’s rules, sent with its reason over the REST contract, in German and Arabic', async () => {
    const client = clientFor();
    const org = await customer((t) => t.status === 'active');
    const {etag} = await client.getOrganization(DIST, org.id);
    // Resuming an active customer: the lifecycle rules every server shares refuse it (409).
    const refused = await rejectsWith(client.transitionOrganization(DIST, org.id, 'resume', etag));
    expect(refused.code).to.equal('conflict');
    expect(refused.reason).to.deep.equal({id: 'lifecycle.not-allowed', params: {action: 'resume', status: 'active', kind: 'customer'}});
    // The page's English is the server's, word for word.
    expect(errorText(refused)).to.equal('Only a suspended customer can be resumed; this one is active.');
    expect(refused.message).to.contain('Only a suspended customer can be resumed; this one is active.');
    await setLocale('de');
    // Our sentence in the user's language, and not the server's English beside it.
    expect(errorText(refused)).to.equal('Nur gesperrte Einträge vom Typ Kunde können fortgesetzt werden; dieser ist aktiv.');
    await setLocale('ar');
    expect(errorText(refused)).to.equal('لا يمكن استئناف إلا ما هو معلّق من نوع عميل؛ وهذا نشط.');

    // Deleting what is not suspended: the embedded backend's rule, over the wire.
    await setLocale('de');
    const notSuspended = await rejectsWith(client.deleteOrganization(DIST, org.id, etag));
    expect(errorText(notSuspended)).to.equal(`Sperren Sie „${org.name}“, bevor Sie es löschen.`);
  });

  it('says in German that a write was not saved when the server cannot be reached, and that a create cannot be made twice', async () => {
    const client = clientFor();
    const org = await customer(() => true);
    const {etag, value} = await client.getOrganization(DIST, org.id);
    await setLocale('de');
    net.down = true;
    const change = await rejectsWith(client.updateOrganization(DIST, org.id, {name: `${value.name} 2`}, etag));
    expect(change.code).to.equal('network');
    expect(errorText(change)).to.equal('Nicht gespeichert: Der Server war nicht erreichbar, oder seine Antwort ist nicht angekommen. Versuchen Sie es erneut, wenn Sie online sind.');
    // Never sent, so its body does not matter.
    const create = await rejectsWith(client.createOrganization(DIST, {...value, name: `${value.name} 3`} as never, crypto.randomUUID()));
    expect(errorText(create)).to.contain('Ein erneutes Senden kann es nicht doppelt anlegen.');
  });

  it('writes numbers and dates inside messages in the page’s locale', async () => {
    // The worker's own limit: a preference larger than it keeps.
    const client = clientFor();
    await client.connected;
    const big = await rejectsWith(client.setPref(DIST, 'grid.big', 'x'.repeat(300_000)));
    expect(big.code).to.equal('too-large');
    const kb = (locale: string): string => new Intl.NumberFormat(locale, {style: 'unit', unit: 'kilobyte', unitDisplay: 'short'}).format(256);
    await setLocale('de');
    expect(errorText(big)).to.equal(`Dies ist zu groß, um es zu speichern (mehr als ${kb('de')}).`);
    await setLocale('ar');
    expect(errorText(big)).to.equal(`هذا أكبر من أن يُحفظ (أكثر من ${kb('ar')}).`);

    // Saved data past its maximum age while the server is out of reach: its date, the German way.
    const cacheName = `tenantry-messages-${crypto.randomUUID()}`;
    const user = DEMO_USERS.distributorAdmin;
    const earlier = clientFor({cacheName, user});
    await earlier.openView(DIST, {});
    await earlier.idle();
    earlier.dispose();
    await new Promise((r) => setTimeout(r, 20));
    net.down = true;
    const offline = clientFor({cacheName, user, offlineMaxAgeMs: 10});
    await offline.connected;
    const old = await rejectsWith(offline.openView(DIST, {}));
    expect(old.reason?.id).to.equal('offline.too-old');
    const day = (locale: string): string => new Intl.DateTimeFormat(locale, {year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC'}).format(Date.now());
    await setLocale('de');
    expect(errorText(old)).to.equal(`Der Server ist nicht erreichbar, und die auf diesem Gerät gespeicherten Daten (vom ${day('de')}) sind zu alt, um sie anzuzeigen.`);
    await setLocale('ar');
    expect(errorText(old)).to.contain(day('ar'));
  });

  it('falls back for a reason it does not know: a server’s to the status and its words, a newer worker’s to its English', async () => {
    const client = clientFor();
    const org = await customer(() => true);
    await setLocale('de');
    // A server that names a reason of a newer vocabulary, or one of ours with parameters of another kind.
    for (const body of [
      {code: 'conflict', message: 'Ask again tomorrow.', reason: 'billing.frozen', params: {}},
      {code: 'conflict', message: 'Ask again tomorrow.', reason: 'lifecycle.not-allowed', params: {action: 'fly', status: 'active', kind: 'customer'}},
    ]) {
      net.refuse = (request) => (isOrganization(request) ? problem(409, body) : null);
      const error = await rejectsWith(client.getOrganization(DIST, org.id));
      expect(error.reason?.id, body.reason).to.equal('http.conflict');
      expect(errorText(error), body.reason).to.equal('Die Anfrage steht im Widerspruch zum aktuellen Stand des Datensatzes. Der Server meldete: „Ask again tomorrow.“');
    }
    // A worker newer than the page, or an error without a reason: the English message, as it came.
    const newer = new TenantryError('conflict', 'The billing period is closed.', {reason: {id: 'billing.frozen', params: {}} as never});
    expect(errorText(newer)).to.equal('The billing period is closed.');
    expect(errorText(new TenantryError('server', 'Plain English.'))).to.equal('Plain English.');
    // Something that is not ours at all: the caller's sentence, its own words as a detail.
    expect(errorText(new Error('disk on fire'), () => 'Der Export ist fehlgeschlagen.')).to.equal('Der Export ist fehlgeschlagen. Details: disk on fire');
  });

  it('words the configuration’s problems and their fixes in German, with the URL’s own fault', async () => {
    await setLocale('de');
    const script = readConfig({backend: 'javascript:alert(1)', auth: 'cookie'});
    expect(script.kind).to.equal('error');
    if (script.kind !== 'error') return;
    expect(configProblemText(script)).to.equal(
      '`backend="javascript:alert(1)"` kann nicht verwendet werden: Die API-Basis-URL muss http oder https verwenden, nicht javascript. Geben Sie die absolute http(s)-Basis-URL Ihrer Tenantry-API an, z. B. `backend="https://psa.example.com/api/tenantry/"`, oder `backend="embedded"` für Demodaten.',
    );
    const many = readConfig({backend: 'embedded', organizations: 10_000_000});
    if (many.kind !== 'error') throw new Error(many.kind);
    expect(configProblemText(many)).to.equal('`organizations` ist keine Anzahl von Demo-Organisationen. Geben Sie eine ganze Zahl von 1 bis 100.000 an, oder lassen Sie es weg (2.000).');
    await setLocale('ar');
    expect(reasonText({id: 'url.credentials', params: {}})).to.equal('يجب ألا يحتوي عنوان URL الأساسي للواجهة البرمجية على اسم مستخدم أو كلمة مرور.');
  });
});
