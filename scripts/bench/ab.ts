/**
 * Before/after on a busy machine: two builds of one twin and the bare Hono ceiling
 * run side by side on the same core, and wrk visits them in turn, round after round,
 * so both builds see the same interference; the best run of each is kept.
 *
 *   npx tsx scripts/bench/ab.ts --before <checkout>/bin/dtu.js [--after bin/dtu.js] [--only okta,slack]
 *       [--scenarios get,list,create] [--rounds 5] [--seconds 3] [--connections 50]
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hammer, type LoadResult, type Shot } from './load.js';
import { recipes, sample, type Scenario } from './scenarios.js';
import { spawnPinned, startCeiling, type Server } from './servers.js';

const { values } = parseArgs({
  options: {
    before: { type: 'string' },
    after: { type: 'string', default: fileURLToPath(new URL('../../bin/dtu.js', import.meta.url)) },
    only: { type: 'string', default: 'okta,slack' },
    scenarios: { type: 'string', default: 'get,list,create' },
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    'server-core': { type: 'string', default: '0' },
    'load-core': { type: 'string', default: '1' },
  },
});
if (!values.before) throw new Error('--before <checkout>/bin/dtu.js is required');
const CORE = values['server-core'];
const load = (pid: number, shot: Shot) => hammer(pid, shot, { seconds: Number(values.seconds), connections: Number(values.connections), core: values['load-core'] });
const start = (bin: string, vendor: string) => spawnPinned(CORE, [process.execPath, bin, 'start', vendor, '--port-base', '0', '--json'], (u) => `${u}/_dtu/health`);
const at = (shot: Shot, base: string) => ({ ...shot, url: base + new URL(shot.url).pathname + new URL(shot.url).search });
const scratch = mkdtempSync(join(tmpdir(), 'dtu-ab-'));

console.log(`| twin | operation | ceiling µs/req | before µs/req | after µs/req | before × | after × | load average |`);
console.log(`| --- | --- | --- | --- | --- | --- | --- | --- |`);
try {
  for (const vendor of values.only.split(',')) {
    const servers: Server[] = [];
    try {
      const before = await start(values.before, vendor);
      servers.push(before);
      const after = await start(values.after, vendor);
      servers.push(after);
      const shotsFor = async (s: Server) => recipes[vendor](s.urls[vendor], (await (await fetch(`${s.urls[vendor]}/_dtu/credentials`)).json()) as Record<string, unknown>);
      const [sb, sa] = [await shotsFor(before), await shotsFor(after)];
      for (const sc of values.scenarios.split(',') as Scenario[]) {
        const reply = await sample(sa[sc]);
        const file = join(scratch, `${vendor}-${sc}.json`);
        writeFileSync(file, JSON.stringify(reply));
        const ceiling = await startCeiling(CORE, file);
        const best: Record<string, LoadResult | undefined> = {};
        const keep = (k: string, r: LoadResult) => (best[k] = !best[k] || r.cpuUs < best[k]!.cpuUs ? r : best[k]);
        try {
          const runs: Array<[string, number, Shot]> = [
            ['ceiling', ceiling.pid, at(sa[sc], ceiling.urls.url)],
            ['before', before.pid, sb[sc]],
            ['after', after.pid, sa[sc]],
          ];
          for (const [, pid, shot] of runs) await load(pid, shot); // warm-up
          for (let i = 0; i < Number(values.rounds); i++) for (const [k, pid, shot] of i % 2 ? [...runs].reverse() : runs) keep(k, await load(pid, shot));
        } finally {
          await ceiling.stop();
        }
        const c = best.ceiling!.cpuUs;
        const f = (n: number) => n.toFixed(0);
        console.log(`| ${vendor} | ${sc} | ${f(c)} | ${f(best.before!.cpuUs)} | ${f(best.after!.cpuUs)} | ${(best.before!.cpuUs / c).toFixed(2)} | ${(best.after!.cpuUs / c).toFixed(2)} | ${(await import('node:os')).loadavg()[0].toFixed(1)} |`);
      }
    } finally {
      for (const s of servers) await s.stop();
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
