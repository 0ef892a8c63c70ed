// A Vue 3 app hosting Tenantry elements the Vue way: `isCustomElement` (set where the template is
// compiled, vite.config.mjs) leaves dashed tags to the browser, `.prop` binds objects as
// properties, `@tenantry-…` listens to the elements' events.
import {computed, createApp, defineComponent, ref} from 'vue';
import {DataClient, DEFAULT_VIEW_STATE, DEMO_USERS, provideDataClient, type GridViewState} from 'tenantry/data-client';
import 'tenantry/organizations-grid';
import 'tenantry/customer-details';
// @ts-expect-error: a template compiled to a render function by vite.config.mjs; it has no types.
import {render} from './app.vuetpl';

const user = DEMO_USERS.distributorAdmin;
const client = DataClient.shared({config: {kind: 'local', organizations: 2000, userId: user}, user});
provideDataClient(document.body, client);
void client.placement.then((p) => (document.body.dataset.placement = p ?? ''));

const start: GridViewState = {...DEFAULT_VIEW_STATE, sort: [{key: 'name', dir: 'desc'}]};

const App = defineComponent({
  setup() {
    const sort = ref(start.sort);
    const sortText = computed(() => sort.value.map((s) => `${s.key} ${s.dir}`).join(', '));
    const onViewState = (e: CustomEvent<{viewState: GridViewState}>): void => {
      sort.value = e.detail.viewState.sort;
    };
    return {client, start, sortText, onViewState};
  },
  render,
});

createApp(App).mount('#app');
