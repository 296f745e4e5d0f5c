/**
 * Where a twin's memory goes under mixed load (run as its own process, `--expose-gc`): the four twins in
 * one process, driven through `twin.fetch` (no sockets) with GET/list/create and, with `--steady`, an update
 * and a delete of every record created. The heap after load is broken down by taking things away: the
 * journals cleared, then the records the load created deleted through each twin's own API, then the logs
 * the vendors keep of past changes (Okta's System Log, Drive's change log), then Slack's event deliveries
 * (kept finished, and waiting for their retries); what is left grew without being any of these.
 * `--snapshots DIR` writes heap snapshots at idle, after load and after the breakdown (open them in Chrome DevTools, or compare with `scripts/bench/heapsnapshot.ts`).
 *
 *   node --expose-gc --import tsx scripts/bench/memory.ts --requests 40000 [--steady] [--snapshots /tmp/heap]
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeHeapSnapshot } from 'node:v8';
import { createVendorTwin, type Vendor } from '../../src/vendors.js';
import type { Twin } from '../../src/core/twin.js';
import { realtime } from '../../twins/slack/realtime/runtime.js';
import { lifecycles, recipes } from './scenarios.js';
import type { Shot } from './load.js';
import { heapAfterGc } from './proc.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '40000' }, steady: { type: 'boolean', default: false }, snapshots: { type: 'string' } } });
const REQUESTS = Number(values.requests);
const VENDORS: Vendor[] = ['okta', 'slack', 'jira', 'google'];

const heapMiB = () => heapAfterGc() / 2 ** 20;
const snapshot = (name: string) => {
  if (!values.snapshots) return;
  mkdirSync(values.snapshots, { recursive: true });
  console.error(`wrote ${writeHeapSnapshot(join(values.snapshots, `${name}.heapsnapshot`))}`);
};

// The recipes speak HTTP through the global fetch; here each twin's origin goes straight to its `fetch`.
const twins = new Map<string, Twin>();
const realFetch = globalThis.fetch;
globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const req = new Request(input, init);
  const twin = twins.get(new URL(req.url).origin);
  return twin ? twin.fetch(req) : realFetch(req);
}) as typeof fetch;

for (const v of VENDORS) twins.set(`http://${v}.memory.test`, await createVendorTwin(v));
const send = async (s: Shot, n: string, id?: string) => {
  const fill = (t: string) => t.replaceAll('{n}', n).replaceAll('{id}', id ?? '');
  const res = await fetch(fill(s.url), { method: s.method ?? 'GET', headers: s.headers, body: s.body === undefined ? undefined : fill(s.body) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${s.method ?? 'GET'} ${fill(s.url)} answered ${res.status}: ${text.slice(0, 200)}`);
  return text;
};

const plans = await Promise.all(
  VENDORS.map(async (v) => {
    const base = `http://${v}.memory.test`;
    const creds = (await (await fetch(`${base}/_dtu/credentials`)).json()) as Record<string, unknown>;
    const shots = await recipes[v](base, creds);
    return { vendor: v, twin: twins.get(base)!, shots, life: lifecycles[v](shots) };
  }),
);
const idle = heapMiB();
snapshot('idle');

// A third of the requests create; with --steady each create is followed by its record's update and delete(s).
const created: Array<{ plan: (typeof plans)[number]; id: string }> = [];
let sent = 0;
for (let i = 0; sent < REQUESTS; i++) {
  const plan = plans[i % plans.length];
  await send(plan.shots.get, '');
  await send(plan.shots.list, '');
  const id = plan.life.idOf(await send(plan.shots.create, `m${i}`));
  sent += 3;
  if (values.steady) {
    await send(plan.life.update, `u${i}`, id);
    for (const d of plan.life.remove) await send(d, '', id);
    sent += 1 + plan.life.remove.length;
  } else created.push({ plan, id });
}
const loaded = heapMiB();
snapshot('loaded');
const journals = plans.map((p) => p.twin.journal.size.bytes);
for (const p of plans) p.twin.journal.clear();
const noJournal = heapMiB();
for (const { plan, id } of created) for (const d of plan.life.remove) await send(d, '', id);
for (const p of plans) p.twin.journal.clear();
const noRecords = heapMiB();
// What is left is mostly what the vendors keep of past changes: Okta's System Log (90 days) and Drive's change log.
const logs = { okta: '/api/v1/logs', google: '/drive/v3/changes' } as Record<string, string>;
const logged = plans.map((p) => (logs[p.vendor] ? p.twin.tenant('default').collection(logs[p.vendor]).size : 0));
for (const p of plans) if (logs[p.vendor]) p.twin.tenant('default').collection(logs[p.vendor]).clear();
for (const p of plans) p.twin.journal.clear();
const noLogs = heapMiB();
// Slack's event deliveries: those waiting for a retry (the fixture's Socket Mode app has no connection) and the finished ones kept.
const rt = realtime(twins.get('http://slack.memory.test')!);
// Counted without an array: a temporary of this module's top level stays in its generator's registers across the
// awaits below, and an array of every delivery kept them all alive through the last snapshot.
const deliveries = { waiting: 0, all: rt.deliveries.size };
for (const d of rt.deliveries.values()) if (d.state === 'pending' || d.state === 'in_flight') deliveries.waiting++;
rt.stop();
rt.deliveries.clear();
rt.byEnvelope.clear();
rt.eventLog.length = 0;
const noDeliveries = heapMiB();
snapshot('emptied');

const f = (n: number) => n.toFixed(1);
console.log(`| heap MiB | ${values.steady ? 'steady (create, update, delete)' : 'creates kept'} |`);
console.log('|---|---|');
console.log(`| idle (four twins, fixtures) | ${f(idle)} |`);
console.log(`| after ${sent.toLocaleString('en')} requests (${values.steady ? 'every record created was deleted' : `${created.length.toLocaleString('en')} records created`}) | ${f(loaded)} (+${f(loaded - idle)}) |`);
console.log(`| journals cleared (they held ${journals.map((b) => f(b / 2 ** 20)).join(' + ')} MiB by their own count) | ${f(noJournal)} (−${f(loaded - noJournal)}) |`);
if (!values.steady) console.log(`| created records deleted through the API | ${f(noRecords)} (−${f(noJournal - noRecords)}, ${((noJournal - noRecords) * 2 ** 20 / created.length).toFixed(0)} B per record) |`);
console.log(`| Okta System Log and Drive change log cleared (${logged.filter(Boolean).join(' + ')} entries) | ${f(noLogs)} (−${f(noRecords - noLogs)}) |`);
console.log(`| Slack event deliveries dropped (${deliveries.all} kept, ${deliveries.waiting} of them waiting for a retry) | ${f(noDeliveries)} (−${f(noLogs - noDeliveries)}) |`);
console.log(`| left above idle (compiled code, caches and anything else) | +${f(noDeliveries - idle)} |`);
for (const t of twins.values()) await t.close();
