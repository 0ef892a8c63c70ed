import {defineConfig} from 'vite';

// Entry points: the demo, the bench pages (one per suite, each run in a fresh page), and three
// size probes: the grid module and the peer grids' imports as the bench uses them. The manifest
// lets `scripts/bench.mjs` sum each probe's static chunks (the data worker, loaded separately, is
// not among them). Widgets are otherwise plain modules.
export default defineConfig({
  root: '.',
  publicDir: 'public',
  server: {host: '127.0.0.1', port: 5173, strictPort: false},
  preview: {host: '127.0.0.1', port: 4173},
  worker: {format: 'es'},
  build: {
    target: 'es2022',
    outDir: 'dist',
    manifest: true,
    rollupOptions: {
      input: {
        demo: 'index.html',
        bench: 'bench/index.html',
        'bench-grid': 'bench/grid.html',
        'bench-peers': 'bench/peers.html',
        'bench-tenant-switcher': 'bench/tenant-switcher.html',
        'size-tenantry': 'widgets/organizations-grid/organizations-grid.ts',
        'size-ag-grid': 'bench/peers/ag-grid-lib.ts',
        'size-vaadin-grid': 'bench/peers/vaadin-grid-lib.ts',
      },
    },
  },
});
