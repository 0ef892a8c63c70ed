import {esbuildPlugin} from '@web/dev-server-esbuild';
import {playwrightLauncher} from '@web/test-runner-playwright';
import {chromiumPath, CHROMIUM_ARGS} from './scripts/chromium.mjs';
import {referenceServerMiddleware, referenceServerPlugin} from './scripts/reference-server-plugin.mjs';

const executablePath = chromiumPath();
// The reference server (`npm run serve`) as a real process, started when a test first asks for it.
const referenceServer = referenceServerMiddleware();

export default {
  files: ['src/**/*.test.ts', 'widgets/**/*.test.ts', 'extension/**/*.test.ts'],
  nodeResolve: {exportConditions: ['browser']},
  // Two cores: one browser page at a time keeps timing-sensitive tests honest.
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 10 * 60_000,
  testFramework: {config: {timeout: 20_000}},
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {executablePath, headless: true, args: CHROMIUM_ARGS},
    }),
  ],
  plugins: [esbuildPlugin({ts: true, tsconfig: 'tsconfig.json', target: 'es2022'}), referenceServerPlugin(referenceServer)],
  middleware: [
    referenceServer.middleware,
    // msw's service worker must be served from the root to control the test pages.
    function serveMockServiceWorker(context, next) {
      if (context.url === '/mockServiceWorker.js') context.url = '/public/mockServiceWorker.js';
      return next();
    },
  ],
};
