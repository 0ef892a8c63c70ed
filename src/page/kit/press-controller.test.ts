/**
 * The press controller, with real pointer input in Chromium: a press on a button of the host is
 * in progress from pointerdown until its click has been dispatched; a press elsewhere is none.
 */
import {expect, fixture, html} from '@open-wc/testing';
import {resetMouse, sendMouse} from '@web/test-runner-commands';
import {LitElement} from 'lit';
import {PressController} from './press-controller.js';

class PressProbe extends LitElement {
  readonly press = new PressController(this);
  readonly log: string[] = [];
  override render(): unknown {
    return html`<button type="button" @click=${() => this.log.push('click')}>Next</button><p>Text</p>`;
  }
}
customElements.define('press-probe-test', PressProbe);

const centre = (el: Element): [number, number] => {
  const r = el.getBoundingClientRect();
  return [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)];
};

describe('PressController', () => {
  afterEach(() => resetMouse());

  it('holds from the press on a button until its click has been dispatched', async () => {
    const el = await fixture<PressProbe>(html`<press-probe-test></press-probe-test>`);
    expect(el.press.pressing).to.equal(false);
    await sendMouse({type: 'move', position: centre(el.shadowRoot!.querySelector('button')!)});
    await sendMouse({type: 'down'});
    expect(el.press.pressing).to.equal(true);
    const settled = el.press.settled().then(() => el.log.push('settled'));
    await sendMouse({type: 'up'});
    await settled;
    expect(el.log).to.deep.equal(['click', 'settled']);
    expect(el.press.pressing).to.equal(false);
  });

  it('is not pressed by a press on text, and lets go when the host leaves the page mid-press', async () => {
    const el = await fixture<PressProbe>(html`<press-probe-test></press-probe-test>`);
    await sendMouse({type: 'move', position: centre(el.shadowRoot!.querySelector('p')!)});
    await sendMouse({type: 'down'});
    expect(el.press.pressing).to.equal(false);
    await sendMouse({type: 'up'});

    await sendMouse({type: 'move', position: centre(el.shadowRoot!.querySelector('button')!)});
    await sendMouse({type: 'down'});
    const settled = el.press.settled();
    el.remove();
    await settled;
    expect(el.press.pressing).to.equal(false);
    await sendMouse({type: 'up'});
  });
});
