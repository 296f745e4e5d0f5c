/**
 * Writes a data dir whose `default` tenants hold N users (Okta), messages (Slack),
 * issues (Jira) and files (Drive), each created through the twin's own API
 * in-process, so every invariant the twin keeps holds for them too. Start twins
 * on a copy of it with `--data-dir`.
 *
 *   npx tsx scripts/bench/scale-fixture.ts --records 100000 --out /tmp/dtu-100k [--only okta,jira]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createVendorTwin, type Vendor } from '../../src/vendors.js';
import { recipes } from './scenarios.js';

/**
 * What record i carries in its name or text: its number and a group `g<i % 100>`,
 * so a filter can select about 1% of the tenant. Words for the text searches
 * (Slack, Jira), one token where names must not hold spaces (Okta logins, Drive).
 */
export const scaleLabel = (vendor: string, i: number) => (vendor === 'slack' ? `${i}+g${i % 100}` : vendor === 'jira' ? `${i} g${i % 100}` : `${i}-g${i % 100}`);

export async function writeScaleData(out: string, records: number, vendors: Vendor[], log = console.log): Promise<void> {
  for (const vendor of vendors) {
    const t0 = performance.now();
    const twin = await createVendorTwin(vendor, { seed: 'scale' });
    const base = `http://${vendor}.scale.test`;
    const call = (url: string, init?: RequestInit) => twin.fetch(new Request(url.startsWith('http') ? url : `${base}${url}`, init));
    const creds = (await (await call('/_dtu/credentials')).json()) as Record<string, unknown>;
    const origFetch = globalThis.fetch;
    // The recipes speak HTTP; here they reach the twin in-process.
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => call(String(input instanceof Request ? input.url : input), init)) as typeof fetch;
    let shot;
    try {
      shot = (await recipes[vendor](base, creds)).create;
    } finally {
      globalThis.fetch = origFetch;
    }
    const BATCH = 64;
    for (let i = 0; i < records; i += BATCH) {
      await Promise.all(
        Array.from({ length: Math.min(BATCH, records - i) }, async (_, k) => {
          const n = i + k;
          const res = await call(shot.url, { method: shot.method, headers: shot.headers, body: shot.body?.replaceAll('{n}', scaleLabel(vendor, n)) });
          if (res.status >= 300) throw new Error(`${vendor} create #${n} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
          await res.arrayBuffer();
        }),
      );
      if (i % 20000 === 0 && i) log(`  ${vendor}: ${i} records`);
    }
    twin.journal.clear();
    mkdirSync(join(out, vendor), { recursive: true });
    for (const name of twin.registry.names()) writeFileSync(join(out, vendor, `${name}.json`), twin.tenant(name).serialize());
    await twin.close();
    log(`${vendor}: ${records} records in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { records: { type: 'string', default: '100000' }, out: { type: 'string' }, only: { type: 'string', default: 'okta,slack,jira,google' } } });
  if (!values.out) throw new Error('--out DIR is required');
  await writeScaleData(values.out, Number(values.records), values.only.split(',') as Vendor[]);
}
