import {LitElement, css, html} from 'lit';
import {customElement} from 'lit/decorators.js';
import {SIGN_INS, SIZES, currentDemo, switchDemo, type SignIn} from './demo-config.js';
import {serverApi, serverDemo, signOutOfServer} from './demo-server.js';
import {DataClient} from '../src/page/data-client.js';

/** Demo-only: sign in as one of the three roles, and pick the dataset size. */
@customElement('demo-session')
export class DemoSession extends LitElement {
  static override styles = css`
    :host { display: flex; gap: 12px; align-items: center; font-size: 13px; }
    select { font: inherit; padding: 3px 6px; border-radius: 4px; }
  `;

  override render() {
    const api = serverApi();
    if (api) {
      // On the reference server: who is signed in is the server's session; signing out asks for a token again.
      return html`<span>On the reference server</span>
        <button @click=${async () => {
          const {config, user} = await serverDemo(api);
          await DataClient.shared({config, user}).signOut().catch(() => undefined);
          await signOutOfServer(api);
          location.reload();
        }}>Sign out</button>`;
    }
    const {as, size} = currentDemo();
    return html`
      <label>Signed in as
        <select @change=${(e: Event) => void switchDemo({as: (e.target as HTMLSelectElement).value as SignIn})}>
          ${(Object.keys(SIGN_INS) as SignIn[]).map((k) => html`<option value=${k} ?selected=${k === as}>${SIGN_INS[k].label}</option>`)}
        </select>
      </label>
      <label>Dataset
        <select @change=${(e: Event) => void switchDemo({size: Number((e.target as HTMLSelectElement).value)})}>
          ${SIZES.map((s) => html`<option value=${s} ?selected=${s === size}>${s.toLocaleString()} customers</option>`)}
        </select>
      </label>
    `;
  }
}
