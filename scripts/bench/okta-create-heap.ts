/**
 * Heap an Okta org keeps per activating create (the user, its membership and its two System Log events),
 * in-process on a checkout's compiled build, the journal kept to one entry and the System Log unbounded:
 * N creates, a full GC before and after, the difference per create; `--snapshot FILE` writes a heap
 * snapshot after them (compare two builds' with heapsnapshot.ts).
 *
 *   npm run build && node --expose-gc --import tsx scripts/bench/okta-create-heap.ts [--root <checkout>] [--creates 5000] [--snapshot FILE]
 */
import { writeHeapSnapshot } from 'node:v8';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { root: { type: 'string', default: '.' }, creates: { type: 'string', default: '5000' }, snapshot: { type: 'string' } } });
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const n = Number(values.creates);
const build = (await import(pathToFileURL(join(resolve(values.root), 'dist/src/vendors.js')).href)) as typeof import('../../src/vendors.js');
const twin = await build.createVendorTwin('okta', { journalCapacity: 1, retention: { logEntries: 1_000_000_000 } });
const base = 'http://okta.heap.test';
const call = (url: string, init?: RequestInit) => twin.fetch(new Request(`${base}${url}`, init));
const creds = (await (await call('/_dtu/credentials')).json()) as { token: string };
const headers = { authorization: `SSWS ${creds.token}`, 'content-type': 'application/json', accept: 'application/json' };
const create = async (i: number) => {
  const login = `heap${i}@example.com`;
  const res = await call('/api/v1/users?activate=true', { method: 'POST', headers, body: JSON.stringify({ profile: { firstName: 'Heap', lastName: 'User', email: login, login } }) });
  if (res.status !== 200) throw new Error(`create answered ${res.status}: ${await res.text()}`);
  await res.text();
};
const settle = async () => {
  for (let k = 0; k < 4; k++) {
    gc();
    await new Promise((ok) => setTimeout(ok, 20));
  }
};
// The first creates warm up what every create shares (compiled code, indexes, kept rules).
for (let i = 0; i < 200; i++) await create(i);
await settle();
const before = process.memoryUsage().heapUsed;
for (let i = 200; i < 200 + n; i++) await create(i);
await settle();
const grown = process.memoryUsage().heapUsed - before;
console.log(`${values.root}: ${n} activating creates kept ${(grown / 2 ** 20).toFixed(2)} MiB of heap, ${(grown / n).toFixed(0)} bytes per create`);
if (values.snapshot) console.log(`wrote ${writeHeapSnapshot(values.snapshot)}`);
await twin.close();
