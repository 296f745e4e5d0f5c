/**
 * Summarizes a V8 `.cpuprofile` (from `node --cpu-prof`): the functions with the
 * most self time, and the most inclusive time among the project's own files.
 *
 *   npx tsx scripts/bench/cpuprofile.ts PROFILE.cpuprofile [--top 30] [--match src/core]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '30' }, match: { type: 'string', default: '/(src|twins)/' } } });
const p = JSON.parse(readFileSync(positionals[0], 'utf8')) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const self = new Map<number, number>();
p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const label = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(src|twins|node_modules)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;

const selfBy = new Map<string, number>();
const inclBy = new Map<string, number>();
const re = new RegExp(values.match);
for (const [id, t] of self) {
  selfBy.set(label(byId.get(id)!), (selfBy.get(label(byId.get(id)!)) ?? 0) + t);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur)!;
    if (!re.test(n.callFrame.url)) continue;
    const l = label(n);
    if (seen.has(l)) continue;
    seen.add(l);
    inclBy.set(l, (inclBy.get(l) ?? 0) + t);
  }
}
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (of ${(total / 1000).toFixed(0)} ms sampled)`);
  for (const [l, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${l}`);
};
show('self time', selfBy);
show(`inclusive time, frames matching ${values.match}`, inclBy);
