/*
 * The script-tag bundle for pages that can only add a classic script (`dist/cdn/tenantry.classic.js`):
 * it loads `tenantry.js` beside it as a module (a dynamic import, which carries this script's
 * nonce under a CSP) and sets `window.tenantry` to a promise of its exports:
 *
 *   <script src="…/tenantry.classic.js"></script>
 *   <script>tenantry.then(({DataClient, provideDataClient}) => { … });</script>
 *
 * Plain JavaScript on purpose (a classic script cannot be an ES module); copied as it is by
 * vite.cdn.config.ts.
 */
(function () {
  var script = document.currentScript;
  var url = new URL('tenantry.js', script && script.src ? script.src : document.baseURI).href;
  window.tenantry = window.tenantry || import(url);
})();
