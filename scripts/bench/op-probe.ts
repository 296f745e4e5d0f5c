/**
 * CPU per call of the benchmark's operations (GET by id, filtered list, create), in-process through
 * `twin.fetch`: no socket and no load generator, so the figure is the twin's own work and holds up on a
 * busy machine. `--root a,b` measures checkouts' compiled builds (their `dist/`) in turn, round after round, so two
 * builds are compared on the same requests under the same load; `--replies FILE` writes each operation's reply (status, headers, body)
 * for a byte-for-byte comparison between builds; `--cpu-prof DIR` writes one profile per operation of the last root's
 * measured calls only (summarize it with cpuprofile.ts).
 *
 *   npm run build && npx tsx scripts/bench/op-probe.ts [--root <before-checkout>,.] [--only slack,jira,google]
 *       [--scenarios get,list,create] [--runs 2000] [--rounds 3] [--cpu-prof DIR] [--replies FILE]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { recipes, type Scenario } from './scenarios.js';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: '.' },
    only: { type: 'string', default: 'okta,slack,jira,google' },
    scenarios: { type: 'string', default: 'get,list,create' },
    runs: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    'cpu-prof': { type: 'string' },
    replies: { type: 'string' },
  },
});
const runs = Number(values.runs);
// Several roots (comma-separated) are measured in turn, round after round, so a busy machine disturbs them alike.
const roots = values.root.split(',');
const builds = await Promise.all(roots.map(async (r) => (await import(pathToFileURL(join(resolve(r), 'dist/src/vendors.js')).href)) as typeof import('../../src/vendors.js')));

const session = values['cpu-prof'] ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  mkdirSync(values['cpu-prof']!, { recursive: true });
}

const replies: Record<string, unknown> = {};
const out: string[] = [`| twin | operation | ${roots.map((r) => `${r} CPU µs/call`).join(' | ')} |`, `| --- | --- |${roots.map(() => ' --- |').join('')}`];
for (const vendor of values.only.split(',') as Array<'okta' | 'slack' | 'jira' | 'google'>) {
  const realFetch = globalThis.fetch;
  const sides = [];
  for (const [i, build] of builds.entries()) {
    // With --replies the clock is a counter (a millisecond per reading), so two builds' replies can match byte for byte.
    const { Clock } = (await import(pathToFileURL(join(resolve(roots[i]), 'dist/src/core/clock.js')).href)) as typeof import('../../src/core/clock.js');
    let wall = Date.UTC(2026, 0, 1);
    const twin = await build.createVendorTwin(vendor, values.replies ? { clock: new Clock(() => wall++) } : {});
    const base = `http://${vendor}.probe.test`;
    const call = (url: string, init?: RequestInit) => twin.fetch(new Request(url.startsWith('http') ? url : `${base}${url}`, init));
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => call(String(input instanceof Request ? input.url : input), init)) as typeof fetch;
    const creds = (await (await call('/_dtu/credentials')).json()) as Record<string, unknown>;
    // The recipe itself created record 0 (Okta's bench0@ login), so measured creates start at 1.
    sides.push({ i, twin, call, shots: await recipes[vendor](base, creds), n: 1 });
  }
  globalThis.fetch = realFetch;
  for (const sc of values.scenarios.split(',') as Scenario[]) {
    const best = roots.map(() => Infinity);
    for (const side of sides) {
      const shot = side.shots[sc];
      const once = async () => {
        const res = await side.call(shot.url, { method: shot.method ?? 'GET', headers: shot.headers, body: shot.body?.replaceAll('{n}', String(side.n++)) });
        const text = await res.text();
        if (res.status >= 300) throw new Error(`${vendor} ${sc} answered ${res.status}: ${text.slice(0, 200)}`);
        return { status: res.status, headers: Object.fromEntries(res.headers), body: text };
      };
      (side as any).once = once;
      replies[`${roots[side.i]} ${vendor} ${sc}`] = await once();
      for (let i = 0; i < 200; i++) await once();
    }
    for (let r = 0; r < Number(values.rounds); r++) {
      for (const side of sides) {
        const once = (side as any).once as () => Promise<unknown>;
        const profiling = session && r === 0 && side.i === roots.length - 1;
        if (profiling) await session.post('Profiler.start');
        const c0 = process.cpuUsage();
        for (let i = 0; i < runs; i++) {
          await once();
          // Timers (deliveries, debounced work) run between calls as they would between requests.
          if (i % 8 === 7) await new Promise((ok) => setImmediate(ok));
        }
        const c = process.cpuUsage(c0);
        best[side.i] = Math.min(best[side.i], (c.user + c.system) / runs);
        if (profiling) {
          const { profile } = await session.post('Profiler.stop');
          writeFileSync(join(values['cpu-prof']!, `${vendor}-${sc}.cpuprofile`), JSON.stringify(profile));
        }
      }
    }
    out.push(`| ${vendor} | ${sc} | ${best.map((b) => b.toFixed(1)).join(' | ')} |`);
  }
  for (const side of sides) await side.twin.close();
}
if (values.replies) writeFileSync(values.replies, JSON.stringify(replies, null, 1));
console.log(out.join('\n'));
