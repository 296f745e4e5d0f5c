/**
 * Benchmarks (a script, not a test). Each server runs pinned to one core and wrk
 * to the other; on a shared machine the steadiest figure is the server's CPU per
 * request (from /proc/<pid>/stat), so every table reports it beside req/s.
 *
 *   npm run build && npm run bench [-- --sections http,start,persist,inprocess,scale --seconds 5 --connections 50]
 *
 * Sections:
 *   http      bare Hono ceiling, each twin (GET by id, create, filtered list), WireMock/Prism when installed
 *   start     cold start (spawn → healthy) of all four twins and of each alone, CPU to ready, RSS
 *   persist   create and update throughput with --data-dir against in memory
 *   inprocess calls/s through the MSW adapter against msw's floor, heap growth per call
 *   scale     twins started on a persisted tenant of --scale-records records per twin (default 100,000):
 *             list pages, filters and searches at --connections, p99; snapshot and restore times; each query
 *             again while --scale-writes writes a second (create, update, delete, round and round) change the tenant
 *   soak      --soak-seconds of mixed load on all four twins, per --soak-mode (steady: every record created is
 *             updated and deleted, so RSS should stay near idle; creates: records kept, growth per record); RSS idle → after,
 *             with the server's heap used/total, external memory and RSS outside the heap (GET /_dtu/memory);
 *             --soak-node-args '--max-semi-space-size=32' and --soak-env 'MALLOC_ARENA_MAX=2' try a server flag or setting;
 *             `ceiling` sends the same slices to a bare Hono route (what Node itself does under this load); each mode
 *             also reports RSS 10 s and 30 s after the load stops and the server's CPU per request;
 *             --soak-snapshot DIR writes the server's heap snapshots at the end of the load and 30 s after
 *             (each one follows a full collection, so it holds only what is live; the heap used it reports is
 *             that live figure, and the 10 s and 30 s figures then follow that collection)
 * Options: --only okta,slack  --scenarios get,create,list  --runs 5 (cold starts)  --repeats 3 (alternating load runs, best kept)  --cpu-prof DIR (profile each twin)
 *          --scale-data DIR (reuse a data dir from scripts/bench/scale-fixture.ts)
 *          --scale-node-args=--trace-gc (a row per scale run: the collections it overlapped and their pauses)
 *          --scale-queries 'first page,g77' (only the scale queries whose label holds one of these)
 * On a bigger machine: --server-core 2 --load-core 3-7 and more --connections; wrk uses one thread per
 * load core given (--threads).
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { parseArgs } from 'node:util';
import { haveWrk, hammer, type LoadResult, type Shot } from './bench/load.js';
import { cpuMicros, median, rssMiB } from './bench/proc.js';
import { lifecycles, recipes, sample, type Lifecycle, type Scenario } from './bench/scenarios.js';
import { writeCycle, writeStream } from './bench/write-stream.js';
import { startCeiling, startTwinsPinned } from './bench/servers.js';
import { startWiremock, wiremockJar } from './bench/peers.js';
import { scaleQueries } from './bench/scale-queries.js';
import { writeScaleData } from './bench/scale-fixture.js';
import type { Vendor } from '../src/vendors.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    threads: { type: 'string', default: '1' },
    runs: { type: 'string', default: '5' },
    /** Alternating ceiling/twin runs per operation; the best of each is reported (interference only ever adds). */
    repeats: { type: 'string', default: '3' },
    only: { type: 'string', default: 'okta,slack,jira,google' },
    // The list runs before the creates, so it pages over the fixture tenant; the scale section covers large ones.
    scenarios: { type: 'string', default: 'get,list,create' },
    sections: { type: 'string', default: 'http,start,persist,inprocess,scale' },
    'server-core': { type: 'string', default: '0' },
    'load-core': { type: 'string', default: '1' },
    'cpu-prof': { type: 'string' },
    'scale-records': { type: 'string', default: '100000' },
    'scale-data': { type: 'string' },
    /** Writes per second sent while each scale query runs a second time (0: the queries alone). */
    'scale-writes': { type: 'string', default: '50' },
    /** Node flags for the scale twins; with `--trace-gc`, each run is followed by the collections it overlapped and their pauses. */
    'scale-node-args': { type: 'string', default: '' },
    /** Only the scale queries whose label holds one of these (comma-separated), e.g. `search.messages g77`. */
    'scale-queries': { type: 'string', default: '' },
    'soak-seconds': { type: 'string', default: '300' },
    'soak-mode': { type: 'string', default: 'steady,creates' },
    /** Node flags for the soaked server (`--max-semi-space-size=16`), and environment (`MALLOC_ARENA_MAX=2`), to compare their effect on RSS. */
    'soak-node-args': { type: 'string', default: '' },
    'soak-env': { type: 'string', default: '' },
    /** `dtu start` options for the soaked twins (`--journal-entries 100`), to compare what a bound does to RSS. */
    'soak-twin-args': { type: 'string', default: '' },
    /** Heap snapshots of the soaked server written here: at the end of the load and 30 s after it. */
    'soak-snapshot': { type: 'string' },
  },
});
const SECONDS = Number(values.seconds);
const WARMUP = Number(values.warmup);
const CONNECTIONS = Number(values.connections);
const RUNS = Number(values.runs);
const REPEATS = Number(values.repeats);
const TWINS = values.only.split(',') as Vendor[];
const SCENARIOS = values.scenarios.split(',') as Scenario[];
const SECTIONS = new Set(values.sections.split(','));
const WRITES = Number(values['scale-writes']);
const SERVER = values['server-core'];
const LOAD = values['load-core'];
const NODE_ARGS = values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', values['cpu-prof']] : [];
const scratch = mkdtempSync(join(tmpdir(), 'dtu-bench-'));

const load = (pid: number, shot: Shot, seconds = SECONDS) => hammer(pid, shot, { seconds, connections: CONNECTIONS, core: LOAD, threads: Number(values.threads) });

async function measure(pid: number, shot: Shot): Promise<LoadResult> {
  if (WARMUP > 0) await load(pid, shot, WARMUP);
  return load(pid, shot);
}

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '–');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
const row = (cells: Array<string | number>) => console.log(`| ${cells.join(' | ')} |`);

async function peerRows(sc: Scenario, shot: Shot, reply: { status: number; headers: Record<string, string>; body: string }, ceilingUs: number, vendor: string): Promise<void> {
  const jar = wiremockJar();
  if (!jar || sc !== 'get') return;
  for (const tuned of [false, true]) {
    const wm = await startWiremock(SERVER, jar, tuned, { path: new URL(shot.url).pathname, ...reply });
    try {
      // The JVM needs a longer warm-up than Node to reach its steady state.
      await load(wm.pid, { ...shot, url: wm.urls.url + new URL(shot.url).pathname + new URL(shot.url).search }, Math.max(WARMUP, 5));
      const r = await load(wm.pid, { ...shot, url: wm.urls.url + new URL(shot.url).pathname + new URL(shot.url).search });
      row([`WireMock ${tuned ? 'tuned' : 'defaults'} (${vendor} bytes)`, sc, f0(r.rps), f2(r.p50), f2(r.p99), f0(r.cpuUs), f0(ceilingUs), f2(r.cpuUs / ceilingUs), `– → ${f0(rssMiB(wm.pid))}`]);
    } finally {
      await wm.stop();
    }
  }
}

async function httpSection(): Promise<void> {
  console.log(`\n## Per request: server on core ${SERVER}, wrk on core ${LOAD}, ${CONNECTIONS} connections, ${SECONDS}s after ${WARMUP}s warm-up\n`);
  row(['server', 'operation', 'req/s', 'p50 ms', 'p99 ms', 'server CPU µs/req', 'ceiling µs/req', '× ceiling', 'RSS idle → after MiB']);
  row(Array(9).fill('---'));
  for (const vendor of TWINS) {
    const twin = await startTwinsPinned(SERVER, [vendor], [], NODE_ARGS);
    try {
      const base = twin.urls[vendor];
      const idle = rssMiB(twin.pid);
      const creds = (await (await fetch(`${base}/_dtu/credentials`)).json()) as Record<string, unknown>;
      const shots = await recipes[vendor](base, creds);
      for (const sc of SCENARIOS) {
        const shot = shots[sc];
        const reply = await sample(shot);
        if (reply.status >= 300) throw new Error(`${vendor} ${sc} answered ${reply.status}: ${reply.body.slice(0, 200)}`);
        const file = join(scratch, `${vendor}-${sc}.json`);
        writeFileSync(file, JSON.stringify(reply));
        const ceiling = await startCeiling(SERVER, file);
        const ceilingShot = { ...shot, url: ceiling.urls.url + new URL(shot.url).pathname + new URL(shot.url).search };
        let c: LoadResult | undefined;
        let r: LoadResult | undefined;
        const best = (a: LoadResult | undefined, b: LoadResult) => (!a || b.cpuUs < a.cpuUs ? b : a);
        try {
          if (WARMUP > 0) await load(ceiling.pid, ceilingShot, WARMUP);
          if (WARMUP > 0) await load(twin.pid, shot, WARMUP);
          for (let i = 0; i < REPEATS; i++) {
            c = best(c, await load(ceiling.pid, ceilingShot));
            r = best(r, await load(twin.pid, shot));
          }
        } finally {
          await ceiling.stop();
        }
        if (!c || !r) throw new Error('no runs');
        row([`bare Hono (${vendor} bytes)`, sc, f0(c.rps), f2(c.p50), f2(c.p99), f0(c.cpuUs), f0(c.cpuUs), '1.00', '']);
        row([vendor, sc, f0(r.rps), f2(r.p50), f2(r.p99), f0(r.cpuUs), f0(c.cpuUs), f2(r.cpuUs / c.cpuUs), `${f0(idle)} → ${f0(rssMiB(twin.pid))}`]);
        if (r.non2xx || r.errors) console.log(`|  ↳ ${vendor} ${sc}: non-2xx ${r.non2xx}, socket errors ${r.errors} | | | | | | | | |`);
        await peerRows(sc, shot, reply, c.cpuUs, vendor);
      }
    } finally {
      await twin.stop();
    }
  }
}

async function startSection(): Promise<void> {
  console.log(`\n## Cold start: spawn → every twin healthy, all on core ${SERVER}, median of ${RUNS}\n`);
  row(['server', 'wall ms (median)', 'min', 'max', 'CPU ms to ready', 'RSS idle MiB']);
  row(Array(6).fill('---'));
  const replyFile = join(scratch, 'start-reply.json');
  writeFileSync(replyFile, JSON.stringify({ status: 200, headers: { 'content-type': 'application/json' }, body: '{}' }));
  const sets: Array<[string, () => ReturnType<typeof startCeiling>]> = [
    ['bare Hono server (reference)', () => startCeiling(SERVER, replyFile)],
    ['okta + slack + jira + google', () => startTwinsPinned(SERVER, ['okta', 'slack', 'jira', 'google'])],
    ...TWINS.map((t): [string, () => ReturnType<typeof startCeiling>] => [t, () => startTwinsPinned(SERVER, [t])]),
  ];
  for (const [label, start] of sets) {
    const ms: number[] = [];
    const cpu: number[] = [];
    const rss: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = await start();
      ms.push(s.readyMs);
      cpu.push(s.readyCpuMs);
      rss.push(rssMiB(s.pid));
      await s.stop();
    }
    row([label, f0(median(ms)), f0(Math.min(...ms)), f0(Math.max(...ms)), f0(median(cpu)), f0(median(rss))]);
  }
}

/** An update of one record the recipe's create made (the lifecycle's update shot, `{n}` varying per request). */
async function updateShot(vendor: Vendor, prepared: Record<Scenario, Shot>): Promise<Shot> {
  const life = lifecycles[vendor](prepared);
  const made = await sample(prepared.create);
  if (made.status >= 300) throw new Error(`${vendor} create answered ${made.status}: ${made.body.slice(0, 200)}`);
  const fill = (t: string) => t.replaceAll('{id}', encodeURIComponent(life.idOf(made.body)));
  return { ...life.update, url: fill(life.update.url), body: life.update.body === undefined ? undefined : fill(life.update.body) };
}

async function persistSection(): Promise<void> {
  console.log(`\n## Writes with --data-dir against in memory: creates, and updates of one record, at ${CONNECTIONS} connections, ${SECONDS}s\n`);
  row(['twin', 'operation', 'in memory req/s', 'CPU µs/req', '--data-dir req/s', 'CPU µs/req', 'kept']);
  row(Array(7).fill('---'));
  for (const vendor of TWINS) {
    for (const op of ['create', 'update'] as const) {
      const results: LoadResult[] = [];
      for (const persistent of [false, true]) {
        const dir = mkdtempSync(join(scratch, 'data-'));
        const twin = await startTwinsPinned(SERVER, [vendor], persistent ? ['--data-dir', dir] : [], NODE_ARGS);
        try {
          const base = twin.urls[vendor];
          const creds = (await (await fetch(`${base}/_dtu/credentials`)).json()) as Record<string, unknown>;
          const prepared = await recipes[vendor](base, creds);
          const r = await measure(twin.pid, op === 'create' ? prepared.create : await updateShot(vendor, prepared));
          if (r.non2xx || r.errors) console.log(`|  ↳ ${vendor} ${op}${persistent ? ' --data-dir' : ''}: non-2xx ${r.non2xx}, socket errors ${r.errors} | | | | | | |`);
          results.push(r);
        } finally {
          await twin.stop();
          rmSync(dir, { recursive: true, force: true });
        }
      }
      const [mem, disk] = results;
      row([vendor, op, f0(mem.rps), f0(mem.cpuUs), f0(disk.rps), f0(disk.cpuUs), `${f0((100 * disk.rps) / mem.rps)}%`]);
    }
  }
}

async function inprocessSection(): Promise<void> {
  console.log(`\n## In-process through MSW: GET by id against msw's floor (a handler answering the same JSON), 16 concurrent calls\n`);
  row(['twin', 'msw floor calls/s', 'twin calls/s', '× floor time', 'heap growth B/call: floor', 'twin', 'twin, journal full']);
  row(Array(7).fill('---'));
  for (const vendor of TWINS) {
    const out = await new Promise<string>((resolve, reject) =>
      execFile('taskset', ['-c', SERVER, process.execPath, '--expose-gc', '--import', 'tsx', join('scripts', 'bench', 'inprocess.ts'), vendor, String(SECONDS)], { maxBuffer: 1 << 20 }, (e, so) => (e ? reject(e) : resolve(so))),
    );
    const r = JSON.parse(out.trim().split('\n').at(-1)!);
    row([vendor, f0(r.floor.callsPerSec), f0(r.twin.callsPerSec), f2(r.floor.callsPerSec / r.twin.callsPerSec), f0(r.floor.heapBytesPerCall), f0(r.twin.heapBytesPerCall), f0(r.twinSteady.heapBytesPerCall)]);
  }
}

async function scaleSection(): Promise<void> {
  const records = Number(values['scale-records']);
  let data = values['scale-data'];
  if (!data || !existsSync(data)) {
    data = join(scratch, 'scale');
    console.error(`generating ${records} records per twin in ${data} (scripts/bench/scale-fixture.ts)…`);
    await writeScaleData(data, records, TWINS, (l) => console.error(l));
  }
  console.log(`\n## Scale: each twin started on a persisted tenant of ${records.toLocaleString('en')} records, ${CONNECTIONS} connections, ${SECONDS}s per query\n`);
  row(['twin', 'query', 'one request ms', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'ready ms', 'RSS MiB', 'snapshot ms', 'restore ms']);
  row(Array(11).fill('---'));
  for (const vendor of TWINS) {
    if (!existsSync(join(data, vendor))) continue;
    const dir = mkdtempSync(join(scratch, 'scale-run-'));
    cpSync(join(data, vendor), join(dir, vendor), { recursive: true });
    const scaleArgs = values['scale-node-args'].split(' ').filter(Boolean);
    const twin = await startTwinsPinned(SERVER, [vendor], ['--data-dir', dir], [...NODE_ARGS, ...scaleArgs]);
    // With --trace-gc: the collections a run overlapped (warm-up included) and their main-thread pauses.
    const traced = async (run: () => Promise<LoadResult>): Promise<[LoadResult, string[] | undefined]> => {
      const from = twin.output().length;
      const r = await run();
      if (!scaleArgs.includes('--trace-gc')) return [r, undefined];
      const { minor, major } = gcPauses(twin.output().slice(from));
      return [r, ['', `↳ GC: ${minor.length} scavenges (ms sum, max ${pauseSum(minor)}), ${major.length} mark-compacts (${pauseSum(major)})`, '', '', '', '', '', '', '', '', '']];
    };
    try {
      const base = twin.urls[vendor];
      // The persisted tenant loads on its first request: that is part of being ready.
      const t0 = performance.now();
      const creds = (await (await fetch(`${base}/_dtu/credentials`)).json()) as Record<string, unknown>;
      const ready = twin.readyMs + performance.now() - t0;
      // Queries first, snapshot and restore after them: a restore replaces the whole tenant, and the old one is
      // garbage that the next seconds' major collections walk, which would land in the first query's p99.
      const rows: string[][] = [];
      const prepared = WRITES > 0 ? await recipes[vendor](base, creds, 'w0') : undefined;
      const write = prepared ? writeCycle(fetch, prepared, lifecycles[vendor](prepared)) : undefined;
      const only = values['scale-queries'].split(',').filter(Boolean);
      for (const [label, shot] of Object.entries(await scaleQueries(vendor, base, creds))) {
        if (only.length && !only.some((o) => label.includes(o))) continue;
        // One request alone first: under 50 connections a slow query may not finish inside the run at all.
        const q0 = performance.now();
        await (await fetch(shot.url, { headers: shot.headers })).arrayBuffer();
        const single = performance.now() - q0;
        const [r, gc] = await traced(() => measure(twin.pid, shot));
        rows.push([vendor, label, f0(single), f0(r.rps), f2(r.p50), f2(r.p99), f0(r.cpuUs), rows.length ? '' : f0(ready), rows.length ? '' : f0(rssMiB(twin.pid)), '', '']);
        if (gc) rows.push(gc);
        if (r.non2xx || r.errors) rows.push(['', `↳ non-2xx ${r.non2xx}, socket errors ${r.errors}`, '', '', '', '', '', '', '', '', '']);
        if (write) {
          // The same query while the tenant is written: every write empties kept replies and changes what
          // indexes hold, so each query after one is presented afresh. CPU per request includes the writes.
          const stream = writeStream(write, WRITES);
          const [w, wgc] = await traced(() => measure(twin.pid, shot));
          const writes = await stream.stop();
          rows.push(['', `↳ with ${f0(writes / (SECONDS + WARMUP))} writes/s (1 per ${f0(w.requests / Math.max(1, (writes * SECONDS) / (SECONDS + WARMUP)))} queries)`, '', f0(w.rps), f2(w.p50), f2(w.p99), f0(w.cpuUs), '', '', '', '']);
          if (wgc) rows.push(wgc);
          if (w.non2xx || w.errors) rows.push(['', `↳ non-2xx ${w.non2xx}, socket errors ${w.errors}`, '', '', '', '', '', '', '', '', '']);
        }
      }
      const s0 = performance.now();
      const snap = await (await fetch(`${base}/_dtu/snapshot`)).text();
      const snapMs = performance.now() - s0;
      const r0 = performance.now();
      const restored = await fetch(`${base}/_dtu/restore`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: snap });
      await restored.arrayBuffer();
      const restoreMs = performance.now() - r0;
      if (rows[0]) rows[0].splice(9, 2, f0(snapMs), `${f0(restoreMs)}${restored.ok ? '' : ` (${restored.status})`}`);
      for (const r of rows) row(r);
    } finally {
      await twin.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/**
 * Memory under a steady mixed load: all four twins in one process, wrk slices rotating through every twin's
 * GET, filtered list and create. `steady`: each record a create slice made is updated and deleted right after
 * it (through the vendor API, 16 at a time from this process), so the twins hold as many records at the end
 * as at the start and RSS should come back near idle (the target is within 1.5×). `creates`: records are
 * kept, and the growth is reported per record created.
 */
async function soakRun(mode: 'steady' | 'creates' | 'ceiling', seconds: number): Promise<void> {
  const snapshots = values['soak-snapshot'];
  if (snapshots) mkdirSync(snapshots, { recursive: true });
  // Node writes a snapshot on the signal (into the diagnostic directory), so the server needs no route for it.
  const nodeArgs = [...values['soak-node-args'].split(' ').filter(Boolean), ...(snapshots ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${snapshots}`] : [])];
  const env = { ...process.env, ...Object.fromEntries(values['soak-env'].split(' ').filter(Boolean).map((kv) => kv.split('=', 2))) };
  // The shots are prepared through the twins' own APIs; `ceiling` then stops them and sends the same slices to a
  // bare Hono route answering Slack's create reply (the largest of the three), to show what Node alone does.
  const twinArgs = values['soak-twin-args'].split(' ').filter(Boolean);
  const twins = await startTwinsPinned(SERVER, ['okta', 'slack', 'jira', 'google'], twinArgs, mode === 'ceiling' ? [] : nodeArgs, env);
  let server: { pid: number; stop(): Promise<void>; output(): string } = twins;
  let memoryUrl = `${twins.urls.okta}/_dtu/memory`;
  // RSS right after start, before the shots are prepared (their sample calls warm validators and caches): the idle
  // figure earlier rounds compared against.
  const started = mode === 'ceiling' ? undefined : rssMiB(twins.pid);
  try {
    const plans: Array<{ shots: Shot[]; life: Lifecycle }> = [];
    for (const vendor of ['okta', 'slack', 'jira', 'google'] as Vendor[]) {
      const base = twins.urls[vendor];
      const creds = (await (await fetch(`${base}/_dtu/credentials`)).json()) as Record<string, unknown>;
      const p = await recipes[vendor](base, creds);
      plans.push({ shots: [p.get, p.list, p.create], life: lifecycles[vendor](p) });
    }
    if (mode === 'ceiling') {
      const file = join(scratch, 'soak-ceiling.json');
      writeFileSync(file, JSON.stringify(await sample(plans[1].shots[2])));
      await twins.stop();
      const ceiling = await startCeiling(SERVER, file, nodeArgs, env);
      server = ceiling;
      memoryUrl = `${ceiling.urls.url}/_dtu/memory`;
      const at = (s: Shot) => ({ ...s, url: ceiling.urls.url + new URL(s.url).pathname + new URL(s.url).search });
      for (const p of plans) p.shots = p.shots.map(at);
    }
    await soakLoad(mode, seconds, server, memoryUrl, plans, started, [values['soak-env'], ...nodeArgs, ...(mode === 'ceiling' ? [] : twinArgs)].filter(Boolean).join(' '));
  } finally {
    await server.stop();
    await twins.stop();
  }
}

async function soakLoad(mode: 'steady' | 'creates' | 'ceiling', seconds: number, server: { pid: number; output(): string }, memoryUrl: string, plans: Array<{ shots: Shot[]; life: Lifecycle }>, started: number | undefined, flags: string): Promise<void> {
  const pid = server.pid;
  // What RSS is made of, as the server's own process.memoryUsage() says (a build without /_dtu/memory shows dashes).
  const memory = async (): Promise<Mem> => {
    const r = await fetch(memoryUrl).catch(() => undefined);
    const m = r?.ok ? ((await r.json()) as Record<string, number>) : {};
    const mib = (k: string) => (typeof m[k] === 'number' ? m[k] / 2 ** 20 : NaN);
    return { rss: rssMiB(pid), heapUsed: mib('heapUsed'), heapTotal: mib('heapTotal'), external: mib('external'), arrayBuffers: mib('arrayBuffers') };
  };
  const idleMem = await memory();
  const idle = idleMem.rss;
  // Rotate through the shots in slices, so every twin and operation sees load throughout.
  const slice = 5;
  const ids = join(scratch, 'created-ids.txt');
  let requests = 0;
  let created = 0;
  let lifecycle = 0;
  const peak: number[] = [];
  let warm: number | undefined;
  let warmMem: Mem | undefined;
  let peakMem: Mem | undefined;
  const cpu0 = cpuMicros(pid);
  const deadline = performance.now() + seconds * 1000;
  // Load slices each twin was sent (okta, slack, jira, google): on a busy machine a short soak may not reach them all.
  const slices = plans.map(() => 0);
  for (let i = 0; performance.now() < deadline; i++) {
    slices[Math.floor(i / 3) % plans.length]++;
    const plan = plans[Math.floor(i / 3) % plans.length];
    const shot = plan.shots[i % 3];
    const creating = shot === plan.shots[2] && mode !== 'ceiling';
    writeFileSync(ids, '');
    const r = await load(pid, creating ? { ...shot, capture: { pattern: plan.life.pattern, file: ids } } : shot, slice);
    requests += r.requests;
    if (r.non2xx || r.errors) throw new Error(`soak: ${shot.method ?? 'GET'} ${shot.url} answered non-2xx ${r.non2xx}, socket errors ${r.errors}`);
    if (creating) {
      const made = readFileSync(ids, 'utf8').split('\n').filter(Boolean);
      created += made.length;
      if (mode === 'steady') lifecycle += await updateAndDelete(plan.life, made);
    }
    const now = await memory();
    peak.push(now.rss);
    if (!peakMem || now.rss > peakMem.rss) peakMem = now;
    // Warm: journals full, the young generation grown to its working size, the hot code compiled.
    if (warm === undefined && performance.now() > deadline - (seconds * 1000 * 2) / 3) {
      warm = now.rss;
      warmMem = now;
    }
  }
  const cpuUs = (cpuMicros(pid) - cpu0) / (requests + lifecycle);
  const gcDuringLoad = server.output().length;
  const afterMem = await memory();
  const after = afterMem.rss;
  const live: Array<[string, Mem]> = [];
  const snapshot = async (when: string) => {
    const dir = values['soak-snapshot'];
    if (!dir) return;
    const before = new Set(readdirSync(dir));
    process.kill(pid, 'SIGUSR2');
    // The server writes it on its main thread, so once the file is there, its answer to the next request follows the write.
    let file: string | undefined;
    while (!(file = readdirSync(dir).find((f) => !before.has(f) && f.endsWith('.heapsnapshot')))) await new Promise((r) => setTimeout(r, 200));
    // Asked until it answers: a request that reached the server mid-write may be refused.
    let m = await memory();
    while (Number.isNaN(m.heapUsed)) {
      await new Promise((r) => setTimeout(r, 500));
      m = await memory();
    }
    renameSync(join(dir, file), join(dir, `${mode}-${when}.heapsnapshot`));
    live.push([`${when}, after the snapshot's full collection`, m]);
    console.error(`soak: wrote ${join(dir, `${mode}-${when}.heapsnapshot`)}`);
  };
  await snapshot('end');
  // Once the load stops: what V8 gives back by itself (its memory reducer runs a few seconds after allocation stops).
  await new Promise((r) => setTimeout(r, 10_000));
  const quiet10 = await memory();
  await new Promise((r) => setTimeout(r, 20_000));
  const quiet30 = await memory();
  await snapshot('30s-after');
  const title = { steady: 'Steady: every record created is updated and deleted', creates: 'Creates kept', ceiling: 'The same slices against a bare Hono route (Slack\'s create reply)' }[mode];
  console.log(`\n### ${title} (${seconds}s, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
  row(['RSS at start MiB', 'RSS idle, shots prepared MiB', 'after the first third MiB', 'after MiB', 'peak MiB', '10 s after the load MiB', '30 s after MiB', 'after / start', 'after / idle', 'after / first third', 'requests (wrk)', 'server CPU µs/req', 'records created', mode === 'creates' ? 'growth KiB per record created' : 'updates and deletes']);
  row(Array(14).fill('---'));
  row([f0(started ?? idle), f0(idle), f0(warm ?? NaN), f0(after), f0(Math.max(...peak)), f0(quiet10.rss), f0(quiet30.rss), f2(after / (started ?? idle)), f2(after / idle), f2(after / (warm ?? NaN)), requests, f0(cpuUs), created, mode === 'creates' ? f1(((after - idle) * 1024) / Math.max(1, created)) : lifecycle]);
  console.log(`\nLoad slices per twin (okta, slack, jira, google): ${slices.join(', ')}.`);
  console.log(`\nWhat the RSS is made of (the server's process.memoryUsage(), MiB)${flags ? `, server run with ${flags}` : ''}:\n`);
  row(['when', 'RSS', 'V8 heap used', 'V8 heap total', 'external', 'of which array buffers', 'RSS outside the V8 heap']);
  row(Array(7).fill('---'));
  for (const [when, m] of [['idle', idleMem], ['first third', warmMem], ['peak RSS', peakMem], ['end', afterMem], ['10 s after', quiet10], ['30 s after', quiet30], ...live] as Array<[string, Mem | undefined]>) {
    if (m) row([when, f0(m.rss), f1(m.heapUsed), f1(m.heapTotal), f1(m.external), f1(m.arrayBuffers), f0(m.rss - m.heapTotal)]);
  }
  if (live.length) console.log(`\nHeap snapshots in ${values['soak-snapshot']} (\`${mode}-end\`, \`${mode}-30s-after\`): each is written after a full collection, and writing one leaves its own buffers in the RSS (hundreds of MiB), so the RSS from 10 s after on is not comparable with a run without them; the heap figures are.`);
  // With --soak-node-args=--trace-gc: the collections V8 made under load and after it, and their pauses.
  const out = server.output();
  if (flags.includes('--trace-gc')) {
    console.log('\nGarbage collections (from --trace-gc):\n');
    row(['when', 'scavenges', 'scavenge pause ms (sum, max)', 'mark-compacts', 'mark-compact pause ms (sum, max)', 'of which memory-reducing']);
    row(Array(6).fill('---'));
    for (const [when, text] of [['under load', out.slice(0, gcDuringLoad)], ['30 s after', out.slice(gcDuringLoad)]]) {
      const { minor, major } = gcPauses(text);
      row([when, minor.length, pauseSum(minor), major.length, pauseSum(major), major.filter((g) => g.reduce).length]);
    }
  }
}

/** The collections a `--trace-gc` text reports, with their main-thread pauses (ms). */
function gcPauses(text: string): { minor: Array<{ ms: number }>; major: Array<{ ms: number; reduce: boolean }> } {
  const gcs = [...text.matchAll(/(Scavenge|Mark-Compact|Mark-sweep)( \(reduce\))?[^,\n]*, ([\d.]+) \/ [\d.]+ ms/g)].map((m) => ({ major: m[1] !== 'Scavenge', reduce: Boolean(m[2]), ms: Number(m[3]) }));
  return { minor: gcs.filter((g) => !g.major), major: gcs.filter((g) => g.major) };
}
const pauseSum = (xs: Array<{ ms: number }>) => `${f0(xs.reduce((a, g) => a + g.ms, 0))}, ${f1(Math.max(0, ...xs.map((g) => g.ms)))}`;

interface Mem {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

/** Updates then deletes each record (Okta's needs two deletes), 16 at a time; returns the requests made. */
async function updateAndDelete(life: Lifecycle, ids: string[]): Promise<number> {
  let made = 0;
  let next = 0;
  const send = async (s: Shot, id: string) => {
    const fill = (t: string) => t.replaceAll('{id}', encodeURIComponent(id)).replaceAll('{n}', id);
    const res = await fetch(fill(s.url), { method: s.method ?? 'GET', headers: s.headers, body: s.body === undefined ? undefined : fill(s.body) });
    await res.arrayBuffer();
    if (res.status >= 300) throw new Error(`soak: ${s.method} ${fill(s.url)} answered ${res.status}`);
    made++;
  };
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < ids.length) {
        const id = ids[next++];
        await send(life.update, id);
        for (const d of life.remove) await send(d, id);
      }
    }),
  );
  return made;
}

async function soakSection(): Promise<void> {
  const seconds = Number(values['soak-seconds']);
  console.log(`\n## Memory under load: all four twins in one process, ${seconds}s per mode of GET/list/create slices at ${CONNECTIONS} connections\n`);
  for (const mode of values['soak-mode'].split(',') as Array<'steady' | 'creates' | 'ceiling'>) await soakRun(mode, seconds);
}

if (!haveWrk()) {
  console.error('wrk not found: apt-get install wrk (the load generator this benchmark drives)');
  process.exit(1);
}
console.log(`# dtu benchmark — ${new Date().toISOString()}, Node ${process.version}, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
try {
  if (SECTIONS.has('http')) await httpSection();
  if (SECTIONS.has('start')) await startSection();
  if (SECTIONS.has('persist')) await persistSection();
  if (SECTIONS.has('inprocess')) await inprocessSection();
  if (SECTIONS.has('scale')) await scaleSection();
  if (SECTIONS.has('soak')) await soakSection();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
