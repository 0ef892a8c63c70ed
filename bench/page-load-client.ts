/**
 * The page-load suite's host set-up, as a host page does it (README, "Identity and sign-out"):
 * the data client for the signed-in user, created and provided in a module the page imports
 * before the widgets, so the worker starts before their code is evaluated while every module is
 * fetched at once.
 */
import {provideDataClient} from '../src/page/context.js';
import {DataClient} from '../src/page/data-client.js';
import type {BackendConfig} from '../src/shared/contract/backend.js';
import {DEMO_USERS} from '../src/shared/demo-tenant.js';
import {pageLoadParams} from './page-load.js';

/** When the page's own script started (its first module evaluated). */
export const scriptStart = performance.now();
const {n, backend, apiBase} = pageLoadParams();
const user = DEMO_USERS.distributorAdmin;
const config: BackendConfig = backend === 'http' ? {kind: 'http', baseUrl: apiBase} : {kind: 'local', organizations: n, userId: user};
// The host says who is signed in; the demo scheme's token for HTTP.
export const client = DataClient.shared(backend === 'http' ? {config, user, tokenProvider: async () => `demo.${user}`} : {config, user});
provideDataClient(document.body, client);
