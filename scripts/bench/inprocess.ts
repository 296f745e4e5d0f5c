/**
 * In-process calls through MSW (run as its own process, `--expose-gc`): a trivial
 * msw handler answering fixed JSON (msw's own floor) against a twin's GET by id
 * through the MSW adapter. Prints one JSON line: calls/s and heap growth per call.
 *
 *   node --expose-gc --import tsx scripts/bench/inprocess.ts okta 5
 */
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { createVendorTwin, type Vendor } from '../../src/vendors.js';
import { mswHandlers } from '../../src/msw.js';
import { recipes } from './scenarios.js';

const vendor = process.argv[2] as Vendor;
const SECONDS = Number(process.argv[3] ?? 5);
const CONCURRENCY = 16;

const gc = (globalThis as { gc?: () => void }).gc;
// After a turn of the event loop: what the last calls left to finalizers and weak references is released by then.
const heap = async () => {
  await new Promise((r) => setTimeout(r, 100));
  gc?.();
  await new Promise((r) => setTimeout(r, 100));
  gc?.();
  return process.memoryUsage().heapUsed;
};

async function run(url: string, init: RequestInit): Promise<{ callsPerSec: number; heapBytesPerCall: number }> {
  const loop = async (ms: number) => {
    const deadline = performance.now() + ms;
    let n = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < deadline) {
          const r = await fetch(url, init);
          if (r.status !== 200) throw new Error(`${url} answered ${r.status}`);
          await r.arrayBuffer();
          n++;
        }
      }),
    );
    return n;
  };
  await loop(1000); // warm-up
  const before = await heap();
  const n = await loop(SECONDS * 1000);
  return { callsPerSec: n / SECONDS, heapBytesPerCall: ((await heap()) - before) / n };
}

const twin = await createVendorTwin(vendor);
const origin = `https://${vendor}.inprocess.test`;
const server = setupServer(...mswHandlers(twin, { origins: [origin] }), http.get('https://floor.inprocess.test/*', () => HttpResponse.json(body as Record<string, unknown>)));
let body: unknown = {};
server.listen({ onUnhandledRequest: 'error' });
try {
  const creds = (await (await fetch(`${origin}/_dtu/credentials`)).json()) as Record<string, unknown>;
  const shot = (await recipes[vendor](origin, creds)).get;
  const init = { headers: shot.headers };
  body = await (await fetch(shot.url, init)).json();
  // The journal is bounded, so a long run reaches its steady state: measure growth after it is full.
  const floor = await run(`https://floor.inprocess.test${new URL(shot.url).pathname}`, init);
  const twinResult = await run(shot.url, init);
  // Fill the journal to its bound (entries or bytes) before measuring the steady state.
  const { maxEntries, maxBytes } = twin.journal.limits;
  for (let i = 0; i < 200 && twin.journal.size.entries < maxEntries && twin.journal.size.bytes < maxBytes * 0.98; i++) {
    await Promise.all(Array.from({ length: CONCURRENCY }, () => fetch(shot.url, init).then((r) => r.arrayBuffer())));
  }
  const full = await run(shot.url, init);
  console.log(JSON.stringify({ vendor, floor, twin: twinResult, twinSteady: full, journal: twin.journal.size }));
} finally {
  server.close();
  await twin.close();
}
