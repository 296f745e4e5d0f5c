/**
 * What one journal entry costs the heap, per operation, over a real socket (run with `--expose-gc`): the four
 * twins listen in this process as `dtu start` serves them, each benchmark operation (GET, filtered list, create,
 * and the update and delete of what was created) is sent `--requests` times on one keep-alive connection, then
 * the heap freed by clearing that twin's journal is divided by the entries it held, beside the journal's own
 * count of them (its byte bound reads that count). `--vendors okta,jira` narrows the run.
 *
 *   node --expose-gc --import tsx scripts/bench/journal-probe.ts [--requests 1000]
 */
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { createVendorTwin, type Vendor } from '../../src/vendors.js';
import { listen } from '../../src/server/node.js';
import { lifecycles, recipes } from './scenarios.js';
import type { Shot } from './load.js';
import { heapAfterGc } from './proc.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '1000' }, vendors: { type: 'string', default: 'okta,slack,jira,google' } } });
const N = Number(values.requests);
const heap = heapAfterGc;

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
/** One request over the kept connection, as a client library sends it; answers the reply's text. */
const send = (s: Shot, fill: (t: string) => string) =>
  new Promise<string>((resolve, reject) => {
    const url = new URL(fill(s.url));
    const body = s.body === undefined ? undefined : Buffer.from(fill(s.body));
    const req = request(url, { agent, method: s.method ?? 'GET', headers: { ...s.headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        if ((res.statusCode ?? 500) >= 300) reject(new Error(`${s.method ?? 'GET'} ${url} answered ${res.statusCode}: ${text.slice(0, 200)}`));
        else resolve(text);
      });
    });
    req.on('error', reject);
    req.end(body);
  });

console.log('| twin | operation | entries | heap B per entry | counted B per entry | counted / heap |');
console.log('|---|---|---|---|---|---|');
for (const vendor of values.vendors.split(',') as Vendor[]) {
  const twin = await createVendorTwin(vendor);
  const served = await listen(twin);
  const base = served.url;
  const creds = (await (await fetch(`${base}/_dtu/credentials`)).json()) as Record<string, unknown>;
  const prepared = await recipes[vendor](base, creds);
  const life = lifecycles[vendor](prepared);
  const ids: string[] = [];
  const phases: Array<[string, (i: number) => Promise<unknown>]> = [
    ['GET by id', () => send(prepared.get, (t) => t)],
    ['filtered list', () => send(prepared.list, (t) => t)],
    ['create', async (i) => ids.push(life.idOf(await send(prepared.create, (t) => t.replaceAll('{n}', `p${i}`))))],
    ['update', (i) => send(life.update, (t) => t.replaceAll('{id}', encodeURIComponent(ids[i])).replaceAll('{n}', `u${i}`))],
    ['delete', async (i) => {
      for (const d of life.remove) await send(d, (t) => t.replaceAll('{id}', encodeURIComponent(ids[i])));
    }],
  ];
  for (const [name, run] of phases) {
    // Warm (compiled paths, kept replies, first records): records 0–19 are created, updated and deleted here.
    for (let i = 0; i < 20; i++) await run(i);
    twin.journal.clear();
    heap();
    for (let i = 0; i < N; i++) await run(i + 20);
    const { entries, bytes } = twin.journal.size;
    const before = heap();
    twin.journal.clear();
    const freed = before - heap();
    console.log(`| ${vendor} | ${name} | ${entries} | ${(freed / entries).toFixed(0)} | ${(bytes / entries).toFixed(0)} | ${(bytes / freed).toFixed(2)} |`);
  }
  await served.close();
  await twin.close();
}
agent.destroy();
