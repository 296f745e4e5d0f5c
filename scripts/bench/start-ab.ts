/**
 * Cold start before/after on a busy machine: two builds started in turn, round after round, on the same core,
 * so both see the same interference; reports the mean and median CPU to ready per build (the /proc clock ticks
 * in 10 ms steps, so a mean over many starts resolves what one start cannot).
 *
 *   npx tsx scripts/bench/start-ab.ts --before <checkout>/bin/dtu.js [--after bin/dtu.js] [--sets okta,all] [--rounds 15]
 */
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { median } from './proc.js';
import { spawnPinned } from './servers.js';

const { values } = parseArgs({
  options: {
    before: { type: 'string' },
    after: { type: 'string', default: fileURLToPath(new URL('../../bin/dtu.js', import.meta.url)) },
    /** Comma-separated; `all` is the four twins in one process. */
    sets: { type: 'string', default: 'okta,slack,jira,google,all' },
    rounds: { type: 'string', default: '15' },
    'server-core': { type: 'string', default: '0' },
  },
});
if (!values.before) throw new Error('--before <checkout>/bin/dtu.js is required');
const bins = { before: values.before, after: values.after };
const load0 = loadavg()[0];

console.log(`| twins | before CPU ms to ready (mean / median) | after (mean / median) | before wall ms (median) | after wall ms (median) |`);
console.log(`| --- | --- | --- | --- | --- |`);
for (const set of values.sets.split(',')) {
  const twins = set === 'all' ? ['okta', 'slack', 'jira', 'google'] : [set];
  const cpu = { before: [] as number[], after: [] as number[] };
  const wall = { before: [] as number[], after: [] as number[] };
  for (let i = 0; i < Number(values.rounds); i++) {
    // Alternate which build goes first, so neither always follows the other.
    for (const which of i % 2 ? (['after', 'before'] as const) : (['before', 'after'] as const)) {
      const s = await spawnPinned(values['server-core'], [process.execPath, bins[which], 'start', ...twins, '--port-base', '0', '--json'], (u) => `${u}/_dtu/health`);
      cpu[which].push(s.readyCpuMs);
      wall[which].push(s.readyMs);
      await s.stop();
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const f = (xs: number[]) => `${mean(xs).toFixed(0)} / ${median(xs).toFixed(0)}`;
  console.log(`| ${set} | ${f(cpu.before)} | ${f(cpu.after)} | ${median(wall.before).toFixed(0)} | ${median(wall.after).toFixed(0)} |`);
}
console.log(`\nload average ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
