/**
 * Summarizes a V8 `.heapsnapshot` (from `node --heapsnapshot-signal`, `v8.writeHeapSnapshot` or
 * `scripts/bench/memory.ts --snapshots`): self size and count per constructor (strings, arrays and code by
 * their type), and with a second snapshot what grew between the two. `--retainers KIND` (a row's name,
 * e.g. `Collection` or `(concatenated string)`) groups the objects of that kind new in the second snapshot by
 * their retaining path (holder constructor and property, a few levels up), to say what keeps them.
 *
 *   npx tsx scripts/bench/heapsnapshot.ts BEFORE.heapsnapshot [AFTER.heapsnapshot] [--top 25] [--retainers KIND]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

type Tally = Map<string, { size: number; count: number }>;

function read(file: string) {
  const s = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0];
  const [TYPE, NAME, SIZE, ID] = ['type', 'name', 'self_size', 'id'].map((f) => fields.indexOf(f));
  // Objects by constructor; strings, code, arrays and the rest by their type.
  const kind = (i: number) => {
    const type = types[s.nodes[i + TYPE]];
    return type === 'object' || type === 'closure' ? `${type === 'closure' ? 'closure ' : ''}${s.strings[s.nodes[i + NAME]]}` : `(${type})`;
  };
  return { s, fields, kind, SIZE, ID };
}

function tally(file: string): Tally {
  const { s, fields, kind, SIZE } = read(file);
  const out: Tally = new Map();
  for (let i = 0; i < s.nodes.length; i += fields.length) {
    const key = kind(i);
    const t = out.get(key) ?? { size: 0, count: 0 };
    t.size += s.nodes[i + SIZE];
    t.count++;
    out.set(key, t);
  }
  return out;
}

/** Objects of `want` in `after` whose ids `before` lacks, grouped by retaining path (first strong retainer, `depth` levels). */
function retainers(before: string, after: string, want: string, depth = 5): Map<string, number> {
  const old = new Set<number>();
  {
    const { s, fields, ID } = read(before);
    for (let i = 0; i < s.nodes.length; i += fields.length) old.add(s.nodes[i + ID]);
  }
  const { s, fields, kind, ID } = read(after);
  const ef = s.snapshot.meta.edge_fields;
  const etypes = s.snapshot.meta.edge_types[0];
  const [ETYPE, ENAME, ETO] = ['type', 'name_or_index', 'to_node'].map((f) => ef.indexOf(f));
  const EC = fields.indexOf('edge_count');
  // First strong retainer of every node (node index → [holder index, edge label]).
  const by = new Map<number, [number, string]>();
  for (let i = 0, e = 0; i < s.nodes.length; i += fields.length) {
    for (let k = 0; k < s.nodes[i + EC]; k++, e += ef.length) {
      const t = etypes[s.edges[e + ETYPE]];
      if (t === 'weak' || t === 'shortcut') continue;
      const to = s.edges[e + ETO];
      if (by.has(to)) continue;
      const n = s.edges[e + ENAME];
      by.set(to, [i, t === "element" || t === "hidden" || /^\d+$/.test(s.strings[n] ?? "") ? "[]" : `.${s.strings[n]}`]);
    }
  }
  const out = new Map<string, number>();
  for (let i = 0; i < s.nodes.length; i += fields.length) {
    if (kind(i) !== want || old.has(s.nodes[i + ID])) continue;
    const path: string[] = [];
    for (let cur = i, d = 0; d < depth; d++) {
      const r = by.get(cur);
      if (!r) break;
      path.push(`${kind(r[0])}${r[1]}`);
      cur = r[0];
    }
    const key = path.join(' ← ');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' }, retainers: { type: 'string' } } });
const top = Number(values.top);
if (values.retainers) {
  console.log(`| new ${values.retainers} held by | count |\n|---|---|`);
  for (const [k, n] of [...retainers(positionals[0], positionals[1], values.retainers)].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`| ${k} | ${n} |`);
  process.exit(0);
}
const [a, b] = positionals.map(tally);
const mib = (n: number) => (n / 2 ** 20).toFixed(2);
const total = (t: Tally) => [...t.values()].reduce((n, x) => n + x.size, 0);
if (!b) {
  console.log(`total ${mib(total(a))} MiB\n| constructor / type | MiB | count |\n|---|---|---|`);
  for (const [k, v] of [...a].sort((x, y) => y[1].size - x[1].size).slice(0, top)) console.log(`| ${k} | ${mib(v.size)} | ${v.count} |`);
} else {
  console.log(`total ${mib(total(a))} → ${mib(total(b))} MiB\n| constructor / type | MiB grown | count grown |\n|---|---|---|`);
  const keys = new Set([...a.keys(), ...b.keys()]);
  const grown = [...keys].map((k) => [k, (b.get(k)?.size ?? 0) - (a.get(k)?.size ?? 0), (b.get(k)?.count ?? 0) - (a.get(k)?.count ?? 0)] as const);
  for (const [k, size, count] of grown.sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`| ${k} | ${mib(size)} | ${count} |`);
}
