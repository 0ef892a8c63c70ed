/**
 * The customer wizard in German, real data worker on the embedded backend: steps, labels, buttons
 * and the field rules' messages (by their ids) in German; a server's English issue worded again in
 * German; right to left in Arabic and still accessible.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {setLocale} from '../../src/page/locale.js';
import {MESSAGES} from '../../src/shared/forms/messages-english.js';
import {rewordMessage} from '../../src/shared/forms/reword.js';
import {WAIT, cleanup, field, localClient, mount, part, root, stepTitle, text, type} from '../testing/wizard-testing.js';

afterEach(async () => {
  cleanup();
  await setLocale('en');
});

describe('customer-wizard in other languages', () => {
  it('in German words its steps, fields, buttons and field-rule messages in German', async () => {
    await setLocale('de');
    const el = await mount(localClient());
    expect(stepTitle(el)).to.equal('Organisation');
    expect(field(el, 'name').labels?.[0]?.textContent).to.contain('Name der Organisation');
    const buttons = [...root(el).querySelectorAll('button')].map((b) => text(b));
    expect(buttons).to.include.members(['Weiter', 'Schließen (Entwurf behalten)']);
    await type(el, 'domain', 'https://contoso.com/path');
    const error = (): string => text(root(el).querySelector('[data-path="domain"] [part~="field-error"]'));
    await waitUntil(() => error() !== '', 'no error on leaving the domain', WAIT);
    expect(error()).to.equal('Fehler: Geben Sie nur die Domain ein, etwa contoso.com, ohne http://, Pfad oder Port.');
    expect(part(el, 'save-state')!.textContent).to.match(/Entw/);
  });

  it('words a server’s English field issue again in German, with its parameters', async () => {
    await setLocale('de');
    const english = MESSAGES['text.too-long'].replace('{max}', '200').replace('{length}', '10,000');
    expect(rewordMessage(english)).to.equal('Verwenden Sie höchstens 200 Zeichen; dieser Text hat 10,000.');
    expect(rewordMessage('Something only the server says.')).to.equal('Something only the server says.');
  });

  it('in Arabic lays its form out right to left and stays accessible', async () => {
    await setLocale('ar');
    const el = await mount(localClient());
    expect(el.getAttribute('dir')).to.equal('rtl');
    expect(stepTitle(el)).to.equal('المؤسسة');
    const input = field(el, 'name').getBoundingClientRect();
    const label = field(el, 'name').labels![0]!.getBoundingClientRect();
    // Labels and inputs start at the right edge of the form.
    expect(Math.abs(label.right - input.right)).to.be.lessThan(24);
    await expect(el).to.be.accessible();
  });
});
