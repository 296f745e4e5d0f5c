/**
 * CPU per call of Jira's history: an edit of one issue (in memory and with a data dir) as its history grows,
 * and the reads of that history (a changelog page, GET with `expand=changelog`, JQL `CHANGED`), in-process
 * through `twin.fetch`. `--root a,b` measures checkouts' compiled builds (their `dist/`) in turn, round after
 * round, so two builds see the same load; `--replies FILE` writes every read's reply (the clock is a counter,
 * so two builds' replies can be compared byte for byte); `--cpu-prof DIR` profiles the last root's edits.
 *
 *   npm run build && npx tsx scripts/bench/history-probe.ts [--root <before-checkout>,.] [--history 2000]
 *       [--runs 500] [--rounds 3] [--cpu-prof DIR] [--replies FILE]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: '.' },
    history: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '3' },
    'cpu-prof': { type: 'string' },
    replies: { type: 'string' },
  },
});
const roots = values.root.split(',');
const runs = Number(values.runs);
const session = values['cpu-prof'] ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  mkdirSync(values['cpu-prof']!, { recursive: true });
}

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; text: string }>;

async function side(root: string, dataDir: string | undefined) {
  const dist = (p: string) => pathToFileURL(join(resolve(root), 'dist', p)).href;
  const { createVendorTwin } = (await import(dist('src/vendors.js'))) as typeof import('../../src/vendors.js');
  const { Clock } = (await import(dist('src/core/clock.js'))) as typeof import('../../src/core/clock.js');
  let wall = Date.UTC(2026, 0, 1);
  const twin = await createVendorTwin('jira', { clock: new Clock(() => wall++), ...(dataDir ? { dataDir } : {}) });
  const base = 'http://jira.probe.test';
  const c = (await (await twin.fetch(new Request(`${base}/_dtu/credentials`))).json()) as { email: string; apiToken: string };
  const headers = { authorization: `Basic ${Buffer.from(`${c.email}:${c.apiToken}`).toString('base64')}`, 'content-type': 'application/json' };
  const call: Call = async (method, path, body) => {
    const res = await twin.fetch(new Request(`${base}/rest/api/3${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`);
    return { status: res.status, text };
  };
  const key = JSON.parse((await call('POST', '/issue', { fields: { project: { key: 'ENG' }, summary: 'probe', issuetype: { name: 'Task' } } })).text).key as string;
  // Another issue with a short history, so a read of the long one is not the whole changelog.
  const other = JSON.parse((await call('POST', '/issue', { fields: { project: { key: 'ENG' }, summary: 'probe other', issuetype: { name: 'Task' } } })).text).key as string;
  for (let i = 0; i < Number(values.history); i++) {
    await call('PUT', `/issue/${key}`, { fields: { summary: `probe ${i}` } });
    if (i % 100 === 0) await call('PUT', `/issue/${other}`, { fields: { priority: { name: i % 200 ? 'High' : 'Low' } } });
  }
  let n = 0;
  return { twin, call, key, other, edit: () => call('PUT', `/issue/${key}`, { fields: { summary: `edit ${n++}` } }) };
}

const ops = (s: Awaited<ReturnType<typeof side>>): Record<string, () => Promise<unknown>> => ({
  edit: s.edit,
  'changelog page': () => s.call('GET', `/issue/${s.other}/changelog?startAt=5&maxResults=10`),
  'expand=changelog': () => s.call('GET', `/issue/${s.other}?fields=summary&expand=changelog`),
  'JQL CHANGED': () => s.call('GET', `/search/jql?jql=${encodeURIComponent('project = ENG AND priority CHANGED')}&fields=summary`),
});

const replies: Record<string, unknown> = {};
const lines = [`| operation | mode | ${roots.map((r) => `${r} CPU µs/call`).join(' | ')} |`, `| --- | --- |${roots.map(() => ' --- |').join('')}`];
for (const mode of ['in memory', '--data-dir'] as const) {
  const dirs: string[] = [];
  const sides = [];
  for (const root of roots) {
    const dir = mode === '--data-dir' ? mkdtempSync(join(tmpdir(), 'dtu-history-probe-')) : undefined;
    if (dir) dirs.push(dir);
    sides.push(await side(root, dir));
  }
  const names = mode === 'in memory' ? Object.keys(ops(sides[0])) : ['edit'];
  const editCost = roots.map(() => Infinity);
  for (const name of names) {
    const best = roots.map(() => Infinity);
    for (const [i, s] of sides.entries()) {
      const op = ops(s)[name];
      if (name !== 'edit' && mode === 'in memory') replies[`${roots[i]} ${name}`] = await op();
      for (let w = 0; w < 50; w++) await op();
    }
    for (let r = 0; r < Number(values.rounds); r++) {
      for (const [i, s] of sides.entries()) {
        const op = ops(s)[name];
        // A read answered from the kept replies costs nothing: an edit before each read makes it real, and
        // the edit's own best cost (measured first) is taken off.
        const measured = name === 'edit' ? op : async () => { await s.edit(); return op(); };
        const profiling = session && r === 0 && i === roots.length - 1 && name === 'edit';
        if (profiling) await session.post('Profiler.start');
        const c0 = process.cpuUsage();
        for (let k = 0; k < runs; k++) await measured();
        const c = process.cpuUsage(c0);
        best[i] = Math.min(best[i], (c.user + c.system) / runs - (name === 'edit' ? 0 : editCost[i]));
        if (profiling) {
          const { profile } = await session.post('Profiler.stop');
          writeFileSync(join(values['cpu-prof']!, `jira-edit-${mode === 'in memory' ? 'memory' : 'data-dir'}.cpuprofile`), JSON.stringify(profile));
        }
      }
    }
    if (name === 'edit') best.forEach((b, i) => (editCost[i] = b));
    lines.push(`| ${name} | ${mode} | ${best.map((b) => b.toFixed(1)).join(' | ')} |`);
  }
  for (const s of sides) await s.twin.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
if (values.replies) writeFileSync(values.replies, JSON.stringify(replies, null, 1));
console.log(`history of ${values.history} edits on one issue, ${runs} calls per round, best of ${values.rounds} rounds\n`);
console.log(lines.join('\n'));
