/**
 * `ComboboxController` in real Chromium, on a tiny host: an input, a listbox of strings, a popup
 * button, a live region. The host's search is held by the test, so the order answers arrive in is
 * the test's to choose.
 */
import {expect, fixture, html as testHtml, waitUntil} from '@open-wc/testing';
import {sendKeys, sendMouse} from '@web/test-runner-commands';
import {LitElement, html} from 'lit';
import {ifDefined} from 'lit/directives/if-defined.js';
import {ComboboxController, type ComboboxControllerOptions} from './combobox-controller.js';

interface Call {
  key: string;
  signal: AbortSignal;
  resolve(values: string[]): void;
  reject(error: Error): void;
}

type Extra = Partial<Pick<ComboboxControllerOptions<string[]>, 'activateOnOpen' | 'wrap' | 'pageStep' | 'debounce'>>;

/** The options the next host is built with. */
let extra: Extra = {};

class ComboHost extends LitElement {
  /** Answers every question at once from this list (items containing the text); unset, the test answers. */
  items: string[] | null = null;
  readonly calls: Call[] = [];
  readonly picked: string[] = [];

  readonly combo: ComboboxController<string[]> = new ComboboxController<string[]>(this, {
    input: () => this.renderRoot.querySelector('input'),
    popup: () => this.renderRoot.querySelector('#popup'),
    query: () => this.combo.text.trim(),
    search: (key, signal) =>
      new Promise<string[]>((resolve, reject) => {
        this.calls.push({key, signal, resolve, reject});
        if (this.items) resolve(this.items.filter((item) => item.includes(key)));
      }),
    count: () => this.combo.result?.length ?? 0,
    optionId: (index) => `opt-${index}`,
    pick: (index) => {
      const item = this.combo.result![index];
      this.picked.push(item);
      this.combo.announce(`${item} added`);
    },
    announce: {found: (items) => (items.length ? `${items.length} found` : 'None match'), failed: 'Could not search', loading: 'Searching…'},
    ...extra,
  });

  override render() {
    const {combo} = this;
    const items = combo.open ? (combo.result ?? []) : [];
    return html`<div @focusout=${combo.handleFocusOut}>
        <input role="combobox" aria-controls="list" aria-expanded=${String(combo.open)} aria-activedescendant=${ifDefined(combo.activeDescendant)} .value=${combo.text} @input=${combo.handleInput} @keydown=${combo.handleKeydown} />
        <div id="popup" ?hidden=${!combo.open} @keydown=${combo.handlePopupKeydown} @mousedown=${combo.handlePopupMousedown}>
          <ul id="list" role="listbox">
            ${items.map((item, i) => html`<li id=${`opt-${i}`} role="option" aria-selected=${String(i === combo.active)} @click=${() => combo.pick(i)}>${item}</li>`)}
          </ul>
          <button type="button">Popup action</button>
        </div>
      </div>
      <div id="live" role="status">${combo.announcement}</div>`;
  }
}
customElements.define('combo-test-host', ComboHost);

declare global {
  interface HTMLElementTagNameMap {
    'combo-test-host': ComboHost;
  }
}

const ITEMS = Array.from({length: 25}, (_, i) => `item-${String(i).padStart(2, '0')}`);

async function mount(options: Extra = {}, items: string[] | null = ITEMS): Promise<ComboHost> {
  extra = options;
  const el = await fixture<ComboHost>(testHtml`<combo-test-host></combo-test-host>`);
  extra = {};
  el.items = items;
  return el;
}

const input = (el: ComboHost): HTMLInputElement => el.shadowRoot!.querySelector('input')!;
const optionTexts = (el: ComboHost): string[] => [...el.shadowRoot!.querySelectorAll('[role="option"]')].map((o) => o.textContent!);
const live = (el: ComboHost): string => el.shadowRoot!.querySelector('#live')!.textContent!;
const activeText = (el: ComboHost): string | null => {
  const id = input(el).getAttribute('aria-activedescendant');
  return id ? (el.shadowRoot!.getElementById(id)?.textContent ?? null) : null;
};
const settle = async (el: ComboHost): Promise<void> => {
  await new Promise((r) => setTimeout(r));
  await el.updateComplete;
};

describe('ComboboxController', () => {
  it('moves through the list by keyboard (↓ opens on the first option, Home/End, PageUp/PageDown, ends stop) and Enter picks', async () => {
    const el = await mount({activateOnOpen: true, pageStep: 10});
    input(el).focus();
    await sendKeys({press: 'ArrowDown'});
    await waitUntil(() => optionTexts(el).length === 25, 'list answered');
    await el.updateComplete;
    // ↓ came before the answer: its first option became active when it arrived.
    expect(input(el).getAttribute('aria-expanded')).to.equal('true');
    expect(activeText(el)).to.equal('item-00');
    expect(el.shadowRoot!.querySelectorAll('[aria-selected="true"]')).to.have.length(1);
    await sendKeys({press: 'ArrowDown'});
    await el.updateComplete;
    expect(activeText(el)).to.equal('item-01');
    await sendKeys({press: 'End'});
    await sendKeys({press: 'ArrowDown'});
    await el.updateComplete;
    expect(activeText(el)).to.equal('item-24');
    await sendKeys({press: 'Home'});
    await sendKeys({press: 'ArrowUp'});
    await el.updateComplete;
    expect(activeText(el)).to.equal('item-00');
    await sendKeys({press: 'PageDown'});
    await el.updateComplete;
    expect(activeText(el)).to.equal('item-10');
    await sendKeys({press: 'PageDown'});
    await sendKeys({press: 'PageDown'});
    await el.updateComplete;
    expect(activeText(el)).to.equal('item-24');
    await sendKeys({press: 'PageUp'});
    await el.updateComplete;
    expect(activeText(el)).to.equal('item-14');
    await sendKeys({press: 'Enter'});
    await el.updateComplete;
    expect(el.picked).to.deep.equal(['item-14']);
    expect(input(el).getAttribute('aria-expanded')).to.equal('false');
    expect(input(el).hasAttribute('aria-activedescendant')).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal(input(el));
  });

  it('in a wrapping list ↓ on a closed list only opens it, and ↑/↓ wrap around the ends', async () => {
    const el = await mount({wrap: true});
    input(el).focus();
    await sendKeys({press: 'ArrowDown'});
    await waitUntil(() => optionTexts(el).length === 25, 'list answered');
    await el.updateComplete;
    expect(activeText(el)).to.equal(null);
    await sendKeys({press: 'ArrowUp'});
    await el.updateComplete;
    expect(activeText(el)).to.equal('item-24');
    await sendKeys({press: 'ArrowDown'});
    await el.updateComplete;
    expect(activeText(el)).to.equal('item-00');
    await sendKeys({press: 'ArrowUp'});
    await el.updateComplete;
    expect(activeText(el)).to.equal('item-24');
    // PageUp/PageDown are left to the input when the host sets no step.
    await sendKeys({press: 'PageUp'});
    await el.updateComplete;
    expect(activeText(el)).to.equal('item-24');
  });

  it('Escape closes, then clears the text, and only then reaches the page', async () => {
    const el = await mount();
    const reached: string[] = [];
    const onKey = (e: KeyboardEvent): void => void reached.push(e.key);
    document.addEventListener('keydown', onKey);
    try {
      input(el).focus();
      await sendKeys({type: 'item-1'});
      await waitUntil(() => optionTexts(el).length === 10, 'answered');
      await sendKeys({press: 'Escape'});
      await el.updateComplete;
      expect(input(el).getAttribute('aria-expanded')).to.equal('false');
      expect(input(el).value).to.equal('item-1');
      await sendKeys({press: 'Escape'});
      await el.updateComplete;
      expect(input(el).value).to.equal('');
      expect(reached.filter((k) => k === 'Escape')).to.have.length(0);
      await sendKeys({press: 'Escape'});
      expect(reached.filter((k) => k === 'Escape')).to.have.length(1);
    } finally {
      document.removeEventListener('keydown', onKey);
    }
  });

  it('drops the answer to a superseded question: it is never rendered, and its request is aborted', async () => {
    const el = await mount({}, null);
    const painted: string[][] = [];
    const observer = new MutationObserver(() => painted.push(optionTexts(el)));
    observer.observe(el.shadowRoot!, {subtree: true, childList: true, characterData: true});
    try {
      input(el).focus();
      await sendKeys({type: 'a'});
      await waitUntil(() => el.calls.length === 1, 'asked “a”');
      expect(live(el)).to.equal('Searching…');
      await sendKeys({type: 'b'});
      await waitUntil(() => el.calls.length === 2, 'asked “ab”');
      expect(el.calls.map((c) => c.key)).to.deep.equal(['a', 'ab']);
      // The keystroke cancelled the older question at once.
      expect(el.calls[0].signal.aborted).to.equal(true);
      expect(el.calls[1].signal.aborted).to.equal(false);
      el.calls[1].resolve(['fresh-ab-1', 'fresh-ab-2']);
      await settle(el);
      expect(optionTexts(el)).to.deep.equal(['fresh-ab-1', 'fresh-ab-2']);
      expect(live(el)).to.equal('2 found');
      // Back to “a”: a new question, the same text as the cancelled one.
      await sendKeys({press: 'Backspace'});
      await waitUntil(() => el.calls.length === 3, 'asked “a” again');
      expect(el.calls[2].key).to.equal('a');
      expect(optionTexts(el)).to.deep.equal([]);
      // The cancelled request for “a” answers late: the same question, but not the one asked now.
      el.calls[0].resolve(['stale-a']);
      await settle(el);
      expect(optionTexts(el)).to.deep.equal([]);
      expect(live(el)).to.equal('Searching…');
      el.calls[2].resolve(['fresh-a']);
      await settle(el);
      expect(optionTexts(el)).to.deep.equal(['fresh-a']);
      expect(live(el)).to.equal('1 found');
    } finally {
      observer.disconnect();
    }
    expect(painted.flat().filter((t) => t.startsWith('stale'))).to.deep.equal([]);
  });

  it('waits for a pause in typing before asking; opening asks at once; the same question is not asked twice', async () => {
    const el = await mount({debounce: () => 300});
    input(el).focus();
    await sendKeys({type: 'item'});
    expect(el.calls).to.have.length(0);
    await waitUntil(() => el.calls.length === 1, 'asked after the pause');
    expect(el.calls[0].key).to.equal('item');
    await waitUntil(() => optionTexts(el).length === 25, 'answered');
    // Closed and opened again on the same text: the answer is kept, nothing is asked.
    await sendKeys({press: 'Escape'});
    await sendKeys({press: 'ArrowDown'});
    await el.updateComplete;
    expect(optionTexts(el)).to.have.length(25);
    expect(el.calls).to.have.length(1);
    // Clearing the text and opening asks for the empty text without waiting.
    await sendKeys({press: 'Escape'});
    await sendKeys({press: 'Escape'});
    el.items = null;
    await sendKeys({press: 'ArrowDown'});
    await el.updateComplete;
    expect(el.calls.map((c) => c.key)).to.deep.equal(['item', '']);
  });

  it('announces the phase of the answer, a failure, and what a pick did', async () => {
    const el = await mount({}, null);
    expect(live(el)).to.equal('');
    input(el).focus();
    await sendKeys({press: 'ArrowDown'});
    await waitUntil(() => el.calls.length === 1, 'asked');
    expect(live(el)).to.equal('Searching…');
    el.calls[0].reject(new Error('offline'));
    await settle(el);
    expect(live(el)).to.equal('Could not search');
    // Opening again retries the failed question.
    await sendKeys({press: 'Escape'});
    await el.updateComplete;
    expect(live(el)).to.equal('');
    await sendKeys({press: 'ArrowDown'});
    await waitUntil(() => el.calls.length === 2, 'asked again');
    el.calls[1].resolve([]);
    await settle(el);
    expect(live(el)).to.equal('None match');
    await sendKeys({type: 'x'});
    await waitUntil(() => el.calls.length === 3, 'asked “x”');
    el.calls[2].resolve(['x-1', 'x-2', 'x-3']);
    await settle(el);
    expect(live(el)).to.equal('3 found');
    await sendKeys({press: 'ArrowDown'});
    await sendKeys({press: 'Enter'});
    await el.updateComplete;
    expect(el.picked).to.deep.equal(['x-1']);
    expect(live(el)).to.equal('x-1 added');
  });

  it('closes on a pointer outside and on focus leaving; stays open for its popup; Escape there gives focus back', async () => {
    const el = await mount();
    const outside = await fixture<HTMLButtonElement>(testHtml`<button type="button">Elsewhere</button>`);
    input(el).focus();
    await sendKeys({press: 'ArrowDown'});
    await waitUntil(() => optionTexts(el).length > 0, 'open');
    // A pointer pressed inside the host leaves it open; outside closes it without moving focus.
    el.shadowRoot!.querySelector('#list')!.dispatchEvent(new PointerEvent('pointerdown', {bubbles: true, composed: true}));
    await el.updateComplete;
    expect(el.combo.open).to.equal(true);
    document.body.dispatchEvent(new PointerEvent('pointerdown', {bubbles: true, composed: true}));
    await el.updateComplete;
    expect(el.combo.open).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal(input(el));

    // Tab into the popup's own button keeps the list open; Escape there closes it and returns focus.
    await sendKeys({press: 'ArrowDown'});
    await el.updateComplete;
    await sendKeys({press: 'Tab'});
    expect(el.shadowRoot!.activeElement?.textContent).to.equal('Popup action');
    expect(el.combo.open).to.equal(true);
    await sendKeys({press: 'Escape'});
    await el.updateComplete;
    expect(el.combo.open).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal(input(el));

    // Focus going anywhere else closes it.
    await sendKeys({press: 'ArrowDown'});
    await el.updateComplete;
    outside.focus();
    await el.updateComplete;
    expect(el.combo.open).to.equal(false);
  });

  it('a click on an option picks it and keeps focus in the input', async () => {
    const el = await mount();
    input(el).focus();
    await sendKeys({type: 'item-2'});
    await waitUntil(() => optionTexts(el).length === 5, 'answered');
    const option = el.shadowRoot!.querySelector<HTMLElement>('#opt-3')!;
    const box = option.getBoundingClientRect();
    await sendMouse({type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)]});
    await el.updateComplete;
    expect(el.picked).to.deep.equal(['item-23']);
    expect(input(el).value).to.equal('');
    expect(el.shadowRoot!.activeElement).to.equal(input(el));
  });

  it('leaving the page aborts the question on its way', async () => {
    const el = await mount({}, null);
    input(el).focus();
    await sendKeys({type: 'a'});
    await waitUntil(() => el.calls.length === 1, 'asked');
    el.remove();
    expect(el.calls[0].signal.aborted).to.equal(true);
    expect(el.combo.open).to.equal(false);
  });
});
