/**
 * Benchmarks (not tests): cold start of all four twins from process spawn to
 * every twin healthy, resident memory, and requests/second for a stateful GET
 * by id on each twin. Runs the compiled CLI, so build first (`npm run build`).
 *
 *   npm run bench [-- --runs 5 --seconds 5 --concurrency 16]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, seconds: { type: 'string', default: '5' }, concurrency: { type: 'string', default: '16' } },
});
const RUNS = Number(values.runs);
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const bin = fileURLToPath(new URL('../bin/dtu.js', import.meta.url));

type Urls = Record<string, string>;

async function startOnce(): Promise<{ child: ChildProcess; urls: Urls; ms: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, 'start', '--port-base', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const urls = await new Promise<Urls>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as Urls);
    });
    child.once('exit', (code) => reject(new Error(`dtu exited with ${code}`)));
  });
  await Promise.all(Object.values(urls).map(async (u) => {
    const r = await fetch(`${u}/_dtu/health`);
    if (!r.ok) throw new Error(`${u} unhealthy`);
  }));
  return { child, urls, ms: performance.now() - t0 };
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

type Recipe = (base: string, creds: Record<string, any>) => Promise<{ url: string; init: RequestInit }>;

/** For each twin: create one resource through its API, then the GET-by-id request to hammer. */
const recipes: Record<string, Recipe> = {
  okta: async (base, c) => {
    const headers = { authorization: `SSWS ${c.token}`, 'content-type': 'application/json', accept: 'application/json' };
    const res = await fetch(`${base}/api/v1/users?activate=false`, { method: 'POST', headers, body: JSON.stringify({ profile: { firstName: 'Bench', lastName: 'User', email: 'bench@example.com', login: 'bench@example.com' } }) });
    const user = (await res.json()) as { id: string };
    return { url: `${base}/api/v1/users/${user.id}`, init: { headers } };
  },
  slack: async (base, c) => {
    const headers = { authorization: `Bearer ${c.botToken}`, 'content-type': 'application/x-www-form-urlencoded' };
    const res = await fetch(`${base}/api/conversations.create`, { method: 'POST', headers, body: 'name=bench-channel' });
    const body = (await res.json()) as { channel: { id: string } };
    return { url: `${base}/api/conversations.info?channel=${body.channel.id}`, init: { headers } };
  },
  jira: async (base, c) => {
    const headers = { authorization: `Basic ${Buffer.from(`${c.email}:${c.apiToken}`).toString('base64')}`, 'content-type': 'application/json', accept: 'application/json' };
    const projects = (await (await fetch(`${base}/rest/api/3/project/search`, { headers })).json()) as { values: Array<{ key: string }> };
    const types = (await (await fetch(`${base}/rest/api/3/issuetype`, { headers })).json()) as Array<{ id: string }>;
    const res = await fetch(`${base}/rest/api/3/issue`, { method: 'POST', headers, body: JSON.stringify({ fields: { project: { key: projects.values[0].key }, summary: 'bench', issuetype: { id: types[0].id } } }) });
    const issue = (await res.json()) as { key: string };
    return { url: `${base}/rest/api/3/issue/${issue.key}`, init: { headers } };
  },
  google: async (base, c) => {
    const headers = { authorization: `Bearer ${c.accessToken}`, 'content-type': 'application/json' };
    const res = await fetch(`${base}/drive/v3/files`, { method: 'POST', headers, body: JSON.stringify({ name: 'bench.txt' }) });
    const file = (await res.json()) as { id: string };
    return { url: `${base}/drive/v3/files/${file.id}`, init: { headers } };
  },
};

async function throughput(url: string, init: RequestInit): Promise<{ rps: number; errors: number; p50: number; p99: number }> {
  const deadline = performance.now() + SECONDS * 1000;
  let done = 0;
  let errors = 0;
  const lat: number[] = [];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        const r = await fetch(url, init);
        await r.arrayBuffer();
        lat.push(performance.now() - t);
        if (r.status !== 200) errors++;
        done++;
      }
    }),
  );
  lat.sort((a, b) => a - b);
  return { rps: done / SECONDS, errors, p50: lat[Math.floor(lat.length * 0.5)], p99: lat[Math.floor(lat.length * 0.99)] };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const starts: number[] = [];
  const rssIdle: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { child, ms } = await startOnce();
    starts.push(ms);
    rssIdle.push(rssMiB(child.pid!));
    await stop(child);
  }
  console.log(`cold start (spawn → all 4 healthy), ${RUNS} runs: median ${median(starts).toFixed(0)} ms, min ${Math.min(...starts).toFixed(0)} ms, max ${Math.max(...starts).toFixed(0)} ms`);
  console.log(`RSS after start: median ${median(rssIdle).toFixed(1)} MiB`);

  const { child, urls } = await startOnce();
  try {
    for (const [vendor, base] of Object.entries(urls)) {
      const creds = (await (await fetch(`${base}/_dtu/credentials`)).json()) as Record<string, any>;
      try {
        const { url, init } = await recipes[vendor](base, creds);
        const first = await fetch(url, init);
        if (first.status !== 200) throw new Error(`GET by id answered ${first.status}: ${(await first.text()).slice(0, 200)}`);
        const r = await throughput(url, init);
        console.log(`${vendor.padEnd(7)} GET by id: ${r.rps.toFixed(0)} req/s (concurrency ${CONCURRENCY}, ${SECONDS}s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, non-200: ${r.errors})`);
      } catch (e) {
        console.log(`${vendor.padEnd(7)} GET by id: not measured (${(e as Error).message})`);
      }
    }
    console.log(`RSS after load: ${rssMiB(child.pid!).toFixed(1)} MiB`);
  } finally {
    await stop(child);
  }
}

await main();
