// scratch: full mismatch dump (not committed)
import { writeFileSync } from 'node:fs';
import { replayCorpus } from '../src/fidelity/corpus.js';
import { mismatchReason } from '../src/fidelity/aggregate.js';
const [dir, out, filter, limit] = process.argv.slice(2);
const { corpus, reports } = await replayCorpus(dir, { vendor: 'okta', limit: limit ? Number(limit) : undefined });
const all = new Map<string, number>(); const first = new Map<string, number>();
const dump: any[] = [];
for (const r of reports) {
  if (filter && !new RegExp(filter).test(r.recording)) continue;
  let f = true;
  for (const x of r.exchanges) {
    if (x.match) continue;
    const m = mismatchReason(x); const k = (x.preExisting ? '[pre] ' : '') + m.reason;
    all.set(k, (all.get(k) ?? 0) + 1);
    if (f) { first.set(k, (first.get(k) ?? 0) + 1); f = false; }
    dump.push({ file: r.recording, i: x.index, m: x.method, p: x.path, rp: x.replayedPath, st: x.status, diffs: x.diffs.slice(0, 6), tb: x.twinBody, pre: x.preExisting });
  }
}
writeFileSync(out, JSON.stringify(dump, null, 1));
const pr = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 120).map(([k, v]) => `${String(v).padStart(5)} ${k}`).join('\n');
console.log(`score ${corpus.score} (${corpus.matched}/${corpus.total}) w/o pre ${corpus.scoreWithoutPreExisting}`);
console.log('== all\n' + pr(all));
console.log('== first\n' + pr(first));
