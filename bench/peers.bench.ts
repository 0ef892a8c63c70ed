/**
 * Peer suite: AG Grid or Vaadin Grid (`peer=ag-grid|vaadin-grid`, one per fresh page), fed the same
 * generated organizations as ours (bench/peers/rows.ts), measured through their DOM exactly as
 * bench/grid.bench.ts measures ours (bench/harness.ts, bench/interactions.ts).
 *
 * Query parameters: `peer`, `sizes=10000,100000`, `runs=3`.
 */
import {GM, Samples, check, firstPaint, heapMB, log, longTasks, params, runSuite, sleep} from './harness.js';
import {measureInteractions} from './interactions.js';
import type {MountedPeer} from './peers/ag-grid.js';
import {peerRows, type PeerRow} from './peers/rows.js';

type Mount = (host: HTMLElement, search: HTMLInputElement, rows: PeerRow[]) => MountedPeer;

const {sizes, runs, q} = params(3);
const peer = q.get('peer') ?? 'ag-grid';
const samples = new Samples(peer);
const stage = document.getElementById('stage')!;

async function loadPeer(): Promise<Mount> {
  if (peer === 'ag-grid') return (await import('./peers/ag-grid.js')).mountAgGrid;
  if (peer === 'vaadin-grid') return (await import('./peers/vaadin-grid.js')).mountVaadinGrid;
  throw new Error(`unknown peer "${peer}": ag-grid or vaadin-grid`);
}

async function main(): Promise<void> {
  log(`peer suite ${peer} · sizes ${sizes.join(', ')} · ${runs} runs · ${navigator.userAgent}`);
  const mount = await loadPeer();
  for (const n of sizes) {
    const g0 = performance.now();
    let rows: PeerRow[] | null = peerRows(n);
    log(`  n=${n}: ${rows.length} rows generated in ${(performance.now() - g0).toFixed(0)} ms`);
    for (let run = 0; run < runs; run++) {
      stage.replaceChildren();
      const search = document.createElement('input');
      search.type = 'search';
      search.setAttribute('aria-label', 'Search');
      const host = document.createElement('div');
      host.className = 'grid-host';
      stage.append(search, host);
      const heap0 = await heapMB();
      const t0 = performance.now();
      const g = mount(host, search, rows);
      let t1: number;
      try {
        t1 = await firstPaint(g);
      } catch (e) {
        log(`DOM at failure: ${host.innerHTML.slice(0, 3000)}`);
        g.destroy();
        throw e;
      }
      try {
        samples.record(g.subject, GM.firstRows, n, t1 - t0);
        await sleep(300);
        samples.record(g.subject, GM.mountLong, n, longTasks(t0, t1), 'count');
        const heap1 = await heapMB();
        if (heap0 !== null && heap1 !== null) samples.record(g.subject, GM.heap, n, heap1 - heap0, 'MB');
        check(g.rowCount() === rows.length + 1, `${g.subject} shows aria-rowcount ${g.rowCount()} for ${rows.length} rows`);
        log(`  ${g.subject} n=${n} run ${run + 1}: first rows ${(t1 - t0).toFixed(0)} ms ("${g.firstRowText()}") · heap +${heap0 !== null && heap1 !== null ? (heap1 - heap0).toFixed(2) : '?'} MB`);
        await measureInteractions(samples, g, n, run);
      } finally {
        g.destroy();
        stage.replaceChildren();
      }
    }
    rows = null;
  }
}

runSuite(samples, main);
