/**
 * What a running twin allocates once a load has stopped: the four twins listen in this process as `dtu start`
 * serves them (their background jobs running), a short mixed load goes through the benchmark operations (GET,
 * filtered list, create, then the update and delete of each record created), and then, with no request at all,
 * V8's sampling heap profiler records every allocation for `--seconds`, garbage included, by the stack that made
 * it. V8 starts its memory reducer (the collections that give a grown heap back) only when the allocation rate is
 * low, so what shows here is what keeps an idle twin's heap from shrinking.
 *
 *   node --expose-gc --import tsx scripts/bench/idle-probe.ts [--requests 4000] [--seconds 30] [--top 20]
 */
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { createVendorTwin, VENDORS } from '../../src/vendors.js';
import { listen } from '../../src/server/node.js';
import { lifecycles, recipes } from './scenarios.js';
import type { Shot } from './load.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '4000' }, seconds: { type: 'string', default: '30' }, top: { type: 'string', default: '20' } } });
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const served = await Promise.all(VENDORS.map(async (v) => ({ vendor: v, twin: await createVendorTwin(v) })));
const urls = await Promise.all(served.map(async (s) => ({ ...s, server: await listen(s.twin) })));
const send = async (s: Shot, fill: (t: string) => string) => {
  const res = await fetch(fill(s.url), { method: s.method ?? 'GET', headers: s.headers, body: s.body === undefined ? undefined : fill(s.body) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${s.method ?? 'GET'} ${fill(s.url)} answered ${res.status}: ${text.slice(0, 200)}`);
  return text;
};
const plans = await Promise.all(
  urls.map(async ({ server }) => {
    const creds = (await (await fetch(`${server.url}/_dtu/credentials`)).json()) as Record<string, unknown>;
    const shots = await recipes[VENDORS[urls.findIndex((u) => u.server === server)]](server.url, creds);
    return { shots, life: lifecycles[VENDORS[urls.findIndex((u) => u.server === server)]](shots) };
  }),
);
for (let i = 0, sent = 0; sent < Number(values.requests); i++) {
  const { shots, life } = plans[i % plans.length];
  await send(shots.get, (t) => t);
  await send(shots.list, (t) => t);
  const id = life.idOf(await send(shots.create, (t) => t.replaceAll('{n}', `i${i}`)));
  await send(life.update, (t) => t.replaceAll('{id}', encodeURIComponent(id)).replaceAll('{n}', `u${i}`));
  for (const d of life.remove) await send(d, (t) => t.replaceAll('{id}', encodeURIComponent(id)));
  sent += 4 + life.remove.length;
}
gc();

const session = new Session();
session.connect();
// Every sampled allocation, those a collection has since freed too: garbage is what the memory reducer waits on.
await session.post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
const heap0 = process.memoryUsage().heapUsed;
await new Promise((r) => setTimeout(r, Number(values.seconds) * 1000));
const heap1 = process.memoryUsage().heapUsed;
const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: Node } };
session.disconnect();

interface Node {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: Node[];
}
// Bytes by the innermost frame of this project (else the innermost frame), with the path that led there.
const bySite = new Map<string, number>();
let total = 0;
const walk = (n: Node, stack: string[]) => {
  const f = n.callFrame;
  const here = f.url ? `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(src|twins|scripts|node_modules)\//, '$1/')}:${f.lineNumber + 1}` : f.functionName;
  const path = here ? [...stack, here] : stack;
  if (n.selfSize) {
    total += n.selfSize;
    const own = path.filter((p) => /^\S+ (src|twins)\//.test(p));
    const key = (own.length ? own.slice(-3) : path.slice(-3)).join(' ← ') || '(root)';
    bySite.set(key, (bySite.get(key) ?? 0) + n.selfSize);
  }
  for (const c of n.children) walk(c, path);
};
walk(profile.head, []);
const kib = (b: number) => (b / 1024).toFixed(1);
console.log(`Allocated at idle over ${values.seconds} s, after ${values.requests} requests: ${kib(total)} KiB sampled (heap used ${kib(heap1 - heap0)} KiB higher)\n`);
console.log('| KiB | where (innermost frames of the twins, else of anything) |');
console.log('|---|---|');
for (const [k, b] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(`| ${kib(b)} | ${k} |`);
for (const u of urls) {
  await u.server.close();
  await u.twin.close();
}
