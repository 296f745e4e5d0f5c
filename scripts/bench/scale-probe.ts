/**
 * CPU per query on a large tenant, in-process (no socket, no load generator): each scale query of one
 * twin run N times through `twin.fetch`, reporting CPU µs per call, plus the time to load the persisted
 * tenant, snapshot it and restore it. With --cpu-prof DIR, one `.cpuprofile` per query (summarize it
 * with cpuprofile.ts). Steadier than the scale section under a loaded machine, since it counts the
 * process's own CPU time for the query path alone.
 *
 *   npx tsx scripts/bench/scale-probe.ts --data /tmp/dtu-100k --vendor okta [--runs 200] [--cpu-prof DIR] [--only 'search'] [--snapshot] [--dump DIR]
 *
 * --dump DIR writes each query's answer (status, headers, body) to a file, to compare two builds byte for byte;
 * --variants adds each search in other orders and pages (sort, sort_dir, page, count) for that comparison;
 * --uncached announces a change to the tenant before each call (no record changes, so indexes stay current),
 * which empties kept replies: the figure is then what a query costs the first time after any write.
 * --post sends a real write before each call (a message where the queries read, scale-queries.ts `scaleWrite`), so
 * the indexes catch up with it on the query: the figure is the write's and the query's, and the write alone is
 * reported first to subtract.
 * --writes makes that change a real one: before each call, one write through the API (the bench's create, then
 * its update, then its deletes, round and round, so the record count stays steady), which also leaves the
 * indexes a query reads with a record to file or unfile; only the query's CPU is counted.
 * --heap reports the heap once every query has run (the indexes they read built), after a full collection
 * (`node --expose-gc --import tsx`); --heap-snapshot FILE also writes a `.heapsnapshot` then (heapsnapshot.ts
 * summarizes it by constructor).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeHeapSnapshot } from 'node:v8';
import { createVendorTwin, type Vendor } from '../../src/vendors.js';
import { scaleQueries, scaleWrite } from './scale-queries.js';
import { scaleLabel } from './scale-fixture.js';
import { lifecycles, recipes } from './scenarios.js';
import { writeCycle } from './write-stream.js';
import { heapAfterGc } from './proc.js';

const { values } = parseArgs({
  options: { data: { type: 'string' }, vendor: { type: 'string' }, runs: { type: 'string', default: '200' }, 'cpu-prof': { type: 'string' }, only: { type: 'string' }, dump: { type: 'string' }, variants: { type: 'boolean', default: false }, uncached: { type: 'boolean', default: false }, post: { type: 'boolean', default: false }, writes: { type: 'boolean', default: false }, snapshot: { type: 'boolean', default: false }, heap: { type: 'boolean', default: false }, 'heap-snapshot': { type: 'string' } },
});
if (!values.data || !values.vendor) throw new Error('--data DIR and --vendor NAME are required');
const vendor = values.vendor as Vendor;
const runs = Number(values.runs);

// The twin writes nothing unless a tenant changes, but a copy keeps the data dir pristine either way.
const dir = mkdtempSync(join(tmpdir(), 'dtu-probe-'));
cpSync(join(values.data, vendor), join(dir, vendor), { recursive: true });
const twin = await createVendorTwin(vendor, { seed: 'scale', dataDir: dir });
const base = `http://${vendor}.scale.test`;
const call = (url: string, init?: RequestInit) => twin.fetch(new Request(url.startsWith('http') ? url : `${base}${url}`, init));
globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => call(String(input instanceof Request ? input.url : input), init)) as typeof fetch;

const ms = (t0: number) => (performance.now() - t0).toFixed(0);
let t0 = performance.now();
const creds = (await (await call('/_dtu/credentials')).json()) as Record<string, unknown>;
const out: string[] = [`${vendor}: tenant loaded in ${ms(t0)} ms`];
if (values.snapshot) {
  t0 = performance.now();
  const snap = await (await call('/_dtu/snapshot')).text();
  const snapMs = ms(t0);
  t0 = performance.now();
  const restored = await call('/_dtu/restore', { method: 'POST', headers: { 'content-type': 'application/json' }, body: snap });
  await restored.arrayBuffer();
  out.push(`snapshot ${snapMs} ms (${(snap.length / 2 ** 20).toFixed(0)} MiB), restore ${ms(t0)} ms (${restored.status})`);
}

const session = values['cpu-prof'] ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  mkdirSync(values['cpu-prof']!, { recursive: true });
}
const queries = await scaleQueries(vendor, base, creds);
const posted = values.post ? await scaleWrite(vendor, base, creds) : undefined;
let written = 0;
const post = async () => {
  const res = await call(posted!.url, { method: posted!.method, headers: posted!.headers, body: posted!.body!.replaceAll('{n}', scaleLabel(vendor, 1_000_000 + written++)) });
  if (res.status >= 300) throw new Error(`the write answered ${res.status}`);
  await res.arrayBuffer();
};
if (posted) {
  const c0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) await post();
  const c = process.cpuUsage(c0);
  out.push(`the write alone: ${((c.user + c.system) / runs).toFixed(0)} µs CPU/call`);
}
// One write per call: create, update, then delete (Okta's two DELETEs) the record just created, over and over.
const prepared = values.writes ? await recipes[vendor](base, creds, 'w0') : undefined;
const write = prepared ? writeCycle(call, prepared, lifecycles[vendor](prepared)) : undefined;
if (values.variants) {
  for (const [label, shot] of Object.entries(queries)) {
    if (!label.startsWith('search.')) continue;
    for (const extra of ['sort=timestamp', 'sort_dir=asc', 'sort=timestamp&sort_dir=asc', 'page=7&count=13', 'sort=timestamp&page=3&count=100', 'page=600&count=20']) {
      const url = new URL(shot.url);
      for (const [k, v] of new URLSearchParams(extra)) url.searchParams.set(k, v);
      queries[`${label} ${extra}`] = { ...shot, url: String(url) };
    }
  }
}
for (const [label, shot] of Object.entries(queries)) {
  if (values.only && !label.includes(values.only)) continue;
  // Under --writes only the query's own CPU is counted (`spent`), not the write's before it.
  let spent = 0;
  const once = async () => {
    if (values.uncached) {
      // The probe's change holds nothing to write: cleared, so the query is not also charged a persisted write.
      twin.tenant().metaChanged();
      twin.tenant().takeDirty();
    }
    if (posted) await post();
    if (write) await write();
    const c0 = write ? process.cpuUsage() : undefined;
    const res = await call(shot.url, { headers: shot.headers });
    if (res.status !== 200) throw new Error(`${label} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    const text = await res.text();
    if (c0) {
      const c = process.cpuUsage(c0);
      spent += c.user + c.system;
    }
    return text;
  };
  // The first call builds the indexes the query reads; that is reported apart.
  t0 = performance.now();
  const body = await once();
  const first = ms(t0);
  if (values.dump) {
    mkdirSync(values.dump, { recursive: true });
    const res = await call(shot.url, { headers: shot.headers });
    writeFileSync(join(values.dump, `${vendor}-${label.replace(/[^\w]+/g, '_')}.txt`), `${res.status}\n${JSON.stringify([...res.headers].filter(([k]) => k !== 'date'))}\n${await res.text()}`);
  }
  for (let i = 0; i < 20; i++) await once();
  if (session) await session.post('Profiler.start');
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  spent = 0;
  for (let i = 0; i < runs; i++) await once();
  const c = write ? { user: spent, system: 0 } : process.cpuUsage(c0);
  const wall = (performance.now() - w0) / runs;
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(values['cpu-prof']!, `${vendor}-${label.replace(/[^\w]+/g, '_')}.cpuprofile`), JSON.stringify(profile));
  }
  out.push(`${label}: ${((c.user + c.system) / runs).toFixed(0)} µs CPU/call, ${wall.toFixed(2)} ms wall, first call ${first} ms, ${body.length} bytes`);
}
if (values.heap || values['heap-snapshot']) {
  heapAfterGc();
  const m = process.memoryUsage();
  const mib = (n: number) => (n / 2 ** 20).toFixed(1);
  out.push(`heap after every query and a full collection: ${mib(m.heapUsed)} MiB used of ${mib(m.heapTotal)} MiB, external ${mib(m.external)} MiB, RSS ${mib(m.rss)} MiB`);
  if (values['heap-snapshot']) out.push(`heap snapshot: ${writeHeapSnapshot(values['heap-snapshot'])}`);
}
await twin.close();
rmSync(dir, { recursive: true, force: true });
console.log(out.join('\n'));
