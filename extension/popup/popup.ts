/**
 * The toolbar popup: the tenant switcher (Ctrl/⌘+K, pinned and recent tenants) and a quick customer
 * search, both painted from the cache and then refreshed. Nothing long runs here (a popup dies when
 * it loses focus): a customer opens in the side panel, where the work continues. Its words are the
 * catalogue's, in the page's language (`setupPage`), set once that has loaded.
 */
import {msg, str} from '@lit/localize';
import {booting} from '../shared/boot.js';
import {browser, openPanel} from '../shared/browser.js';
import {browserWords} from '../shared/browser-words.js';
import {sendPanelRequest} from '../shared/panel-requests.js';
import {showBlocked} from '../shared/page-setup.js';

// The widgets load while the options are read and the client's worker starts: a module graph
// holding them would run nothing until all of it had loaded.
const widgets = Promise.all([import('../../widgets/tenant-switcher/tenant-switcher.js'), import('./quick-search.js')]);

const status = document.querySelector<HTMLElement>('#status')!;
const content = document.querySelector<HTMLElement>('#content')!;
const search = document.querySelector<HTMLElement>('tenantry-quick-search')!;
const openPanelButton = document.querySelector<HTMLButtonElement>('#open-panel')!;
const openOptionsButton = document.querySelector<HTMLButtonElement>('#open-options')!;

/** The page's own words (the elements bring theirs). */
function showWords(): void {
  document.title = browserWords.extName();
  document.querySelector('#title')!.textContent = browserWords.extName();
  openPanelButton.textContent = msg('Open side panel', {id: 'ext.popup.open-panel'});
  openOptionsButton.textContent = msg('Options', {id: 'ext.popup.options'});
}

// Known before any click: opening the side panel must happen synchronously inside the gesture.
let windowId: number | undefined;
void browser.windows.getCurrent().then((w) => (windowId = w.id));

/** Opens the side panel (in the click or key handler itself); says so where the browser refuses. */
function showPanel(): void {
  openPanel({windowId}).catch(() => {
    status.textContent = msg('Open the Tenantry side panel to continue there.', {id: 'ext.popup.open-panel-refused'});
  });
}

openPanelButton.addEventListener('click', () => {
  void sendPanelRequest({to: 'grid'});
  showPanel();
});
openOptionsButton.addEventListener('click', () => void browser.runtime.openOptionsPage());
search.addEventListener('tenantry-quick-open', (e) => {
  void sendPanelRequest({to: 'customer', tenantId: e.detail.tenantId, orgId: e.detail.organizationId}).then(() => {
    status.textContent = msg(str`Opening ${e.detail.name} in the side panel…`, {id: 'ext.popup.opening'});
  });
  showPanel();
});

const setup = await booting;
showWords();
if (setup.connection.kind === 'blocked') {
  showBlocked(content, setup.connection);
  search.hidden = true;
} else {
  // The popup opens on the switcher's list (pinned and recent tenants), as Ctrl+K would open it.
  await widgets;
  await document.querySelector('tenant-switcher')!.updateComplete;
  document.dispatchEvent(new KeyboardEvent('keydown', {key: 'k', ctrlKey: true, bubbles: true, cancelable: true}));
}
addEventListener('pagehide', () => setup.dispose(), {once: true});
