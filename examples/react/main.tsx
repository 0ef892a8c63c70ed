// A React 19 app hosting Tenantry elements the React way: objects as properties (React 19 sets a
// prop as a property when the element has it), `on<event-name>` props as event listeners.
import {StrictMode, useState} from 'react';
import {createRoot} from 'react-dom/client';
import {DataClient, DEFAULT_VIEW_STATE, DEMO_USERS, provideDataClient, type GridViewState} from 'tenantry/data-client';
import 'tenantry/organizations-grid';
import 'tenantry/customer-details';

const user = DEMO_USERS.distributorAdmin;
const client = DataClient.shared({config: {kind: 'local', organizations: 2000, userId: user}, user});
provideDataClient(document.body, client);
void client.placement.then((p) => (document.body.dataset.placement = p ?? ''));

const START: GridViewState = {...DEFAULT_VIEW_STATE, sort: [{key: 'name', dir: 'desc'}]};

function App() {
  const [sort, setSort] = useState(START.sort);
  return (
    <>
      <h1>React 19</h1>
      <p id="sort">{sort.map((s) => `${s.key} ${s.dir}`).join(', ')}</p>
      <organizations-grid
        client={client}
        viewState={START}
        style={{'--tenantry-organizations-grid-height': '360px'} as React.CSSProperties}
        ontenantry-view-state-change={(e: CustomEvent<{viewState: GridViewState}>) => setSort(e.detail.viewState.sort)}
      />
      <customer-details client={client} organizationId="cus-000001" />
    </>
  );
}

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'organizations-grid': {client: DataClient; viewState: GridViewState; style?: React.CSSProperties; 'ontenantry-view-state-change'?: (e: CustomEvent<{viewState: GridViewState}>) => void};
      'customer-details': {client: DataClient; organizationId: string};
    }
  }
}
