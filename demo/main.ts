/** The demo page: a PSA portal hosting Tenantry widgets on the embedded backend. */
import {DataClient} from '../src/client/data-client.js';
import {currentDemo} from './demo-config.js';
import './demo-session.js';
import './live-list.js';
import type {DemoLiveList} from './live-list.js';

const {config} = currentDemo();
const client = DataClient.shared({config});
document.querySelector<DemoLiveList>('demo-live-list')!.client = client;
