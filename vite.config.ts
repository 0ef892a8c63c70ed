import {defineConfig} from 'vite';

// The demo (index.html) and the bench page are the two entry points; widgets are plain modules.
export default defineConfig({
  root: '.',
  publicDir: 'public',
  server: {host: '127.0.0.1', port: 5173, strictPort: false},
  preview: {host: '127.0.0.1', port: 4173},
  worker: {format: 'es'},
  build: {
    target: 'es2022',
    outDir: 'dist',
    rollupOptions: {input: {demo: 'index.html', bench: 'bench/index.html'}},
  },
});
