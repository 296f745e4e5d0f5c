/**
 * Byte-for-byte comparison of what two builds keep of the same requests: each benchmark operation of every twin
 * (GET, filtered list, create, update, delete; scripts/bench/scenarios.ts) on each build's compiled twin with a
 * frozen clock and one seed, then the journal as `/_dtu/journal` answers it (durations blanked: they are wall
 * time) and the vendor logs (Okta's System Log, Drive's changes, Slack's deliveries and events). Exits 1 on a
 * difference.
 *
 *   npm run build && npx tsx scripts/bench/journal-diff.ts <before-checkout> .
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { lifecycles, recipes } from './scenarios.js';
import type { Shot } from './load.js';

const roots = process.argv.slice(2);
if (roots.length !== 2) throw new Error('usage: journal-diff.ts <before-checkout> <after-checkout>');
const ORIGIN = 'http://x.test';
const reads: Record<string, string[]> = {
  okta: ['/api/v1/logs?limit=200'],
  google: ['/drive/v3/changes?pageToken=1&pageSize=200'],
  slack: ['/_dtu/slack/deliveries', '/_dtu/slack/events'],
  jira: [],
};

async function run(root: string): Promise<Record<string, string>> {
  const { createVendorTwin } = await import(pathToFileURL(join(root, 'dist/src/vendors.js')).href);
  const { Clock } = await import(pathToFileURL(join(root, 'dist/src/core/clock.js')).href);
  const out: Record<string, string> = {};
  const realFetch = globalThis.fetch;
  for (const vendor of Object.keys(reads)) {
    const clock = new Clock();
    clock.freeze('2026-03-04T05:06:07.000Z');
    const twin = await createVendorTwin(vendor, { seed: 'journal-diff', clock });
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => twin.fetch(new Request(input, init))) as typeof fetch;
    try {
      const creds = (await (await fetch(`${ORIGIN}/_dtu/credentials`)).json()) as Record<string, unknown>;
      const shots = await recipes[vendor](ORIGIN, creds);
      const life = lifecycles[vendor](shots);
      const send = async (s: Shot, n: string, id = '') => {
        const fill = (t: string) => t.replaceAll('{n}', n).replaceAll('{id}', encodeURIComponent(id));
        return (await fetch(fill(s.url), { method: s.method ?? 'GET', headers: s.headers, body: s.body === undefined ? undefined : fill(s.body) })).text();
      };
      for (let i = 0; i < 3; i++) {
        await send(shots.get, '');
        await send(shots.list, '');
        const id = life.idOf(await send(shots.create, `d${i}`));
        await send(life.update, `u${i}`, id);
        for (const d of life.remove) await send(d, '', id);
      }
      const journal = JSON.parse(await (await fetch(`${ORIGIN}/_dtu/journal`)).text()) as { entries: Array<Record<string, unknown>> };
      for (const e of journal.entries) e.durationMs = 0;
      out[`${vendor} journal`] = JSON.stringify(journal);
      const headers = shots.get.headers;
      for (const path of reads[vendor]) out[`${vendor} ${path}`] = await (await fetch(`${ORIGIN}${path}`, { headers })).text();
    } finally {
      globalThis.fetch = realFetch;
      await twin.close();
    }
  }
  return out;
}

const [a, b] = [await run(roots[0]), await run(roots[1])];
let differ = 0;
for (const k of Object.keys(a)) {
  if (a[k] === b[k]) continue;
  differ++;
  let i = 0;
  while (a[k][i] === b[k][i]) i++;
  console.log(`${k} differs at ${i}:\n  before …${a[k].slice(Math.max(0, i - 80), i + 120)}\n  after  …${b[k].slice(Math.max(0, i - 80), i + 120)}`);
}
const chars = Object.values(a).reduce((n, t) => n + t.length, 0);
console.log(differ ? `${differ} of ${Object.keys(a).length} differ` : `identical: ${Object.keys(a).length} journals and logs, ${chars} characters`);
process.exit(differ ? 1 : 0);
