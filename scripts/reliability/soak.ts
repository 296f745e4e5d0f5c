/**
 * Load and soak, bounded in time: all four twins in one `dtu start` child
 * process, many concurrent clients running mixed create/read/delete cycles on
 * each, while a Socket Mode client and an RTM client listen on Slack. Prints
 * throughput, latency, errors, the server's memory over time, and whether every
 * message posted reached both sockets exactly once.
 *
 *   npx tsx scripts/reliability/soak.ts [--seconds 60] [--clients 16]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TENANT = 'soak';

export interface SoakReport {
  seconds: number;
  requests: number;
  errors: string[];
  p50ms: number;
  p99ms: number;
  rssMb: number[];
  /** Growth of resident memory from the end of warm-up to the end, in percent. */
  rssGrowthPct: number;
  posted: number;
  socketModeEvents: number;
  rtmEvents: number;
  duplicates: number;
}

type Urls = Record<'okta' | 'slack' | 'jira' | 'google', string>;

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

async function json(url: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

const form = (token: string, args: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(args),
});
const jsonInit = (method: string, headers: Record<string, string>, body?: unknown): RequestInit => ({
  method,
  headers: { ...headers, 'content-type': 'application/json', accept: 'application/json', 'x-atlassian-token': 'no-check' },
  body: body === undefined ? undefined : JSON.stringify(body),
});

/** One create → read → delete cycle per twin, so the steady state holds the same data and memory can stay flat. */
function cycles(u: Urls, c: Record<string, any>, channel: string, posted: Set<string>) {
  const p = (v: keyof Urls) => `${u[v]}/t/${TENANT}`;
  const okta = { authorization: `SSWS ${c.okta.token}` };
  const jira = { authorization: `Basic ${Buffer.from(`${c.jira.email}:${c.jira.apiToken}`).toString('base64')}` };
  const google = { authorization: `Bearer ${c.google.accessToken}` };
  return {
    async okta(n: string) {
      const made = await json(`${p('okta')}/api/v1/users?activate=false`, jsonInit('POST', okta, { profile: { firstName: 'Soak', lastName: n, email: `${n}@soak.example`, login: `${n}@soak.example` } }));
      if (made.status !== 200) return `okta create ${made.status}`;
      const got = await json(`${p('okta')}/api/v1/users/${made.body.id}`, jsonInit('GET', okta));
      if (got.status !== 200) return `okta get ${got.status}`;
      await json(`${p('okta')}/api/v1/users/${made.body.id}/lifecycle/deactivate`, jsonInit('POST', okta));
      const del = await json(`${p('okta')}/api/v1/users/${made.body.id}`, jsonInit('DELETE', okta));
      return del.status === 204 ? undefined : `okta delete ${del.status}`;
    },
    async slack(n: string) {
      const text = `soak ${n}`;
      const sent = await json(`${p('slack')}/api/chat.postMessage`, form(c.slack.userToken, { channel, text }));
      if (!sent.body.ok) return `slack post ${sent.body.error}`;
      posted.add(text);
      const hist = await json(`${p('slack')}/api/conversations.history`, form(c.slack.userToken, { channel, limit: '5' }));
      if (!hist.body.ok) return `slack history ${hist.body.error}`;
      const del = await json(`${p('slack')}/api/chat.delete`, form(c.slack.userToken, { channel, ts: sent.body.ts }));
      return del.body.ok ? undefined : `slack delete ${del.body.error}`;
    },
    async jira(n: string) {
      const made = await json(`${p('jira')}/rest/api/3/issue`, jsonInit('POST', jira, { fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: `soak ${n}` } }));
      if (made.status !== 201) return `jira create ${made.status}`;
      const found = await json(`${p('jira')}/rest/api/3/search/jql?jql=${encodeURIComponent(`key = ${made.body.key}`)}&fields=summary`, jsonInit('GET', jira));
      if (found.status !== 200) return `jira search ${found.status}`;
      const del = await json(`${p('jira')}/rest/api/3/issue/${made.body.key}`, jsonInit('DELETE', jira));
      return del.status === 204 ? undefined : `jira delete ${del.status}`;
    },
    async google(n: string) {
      const made = await json(`${p('google')}/drive/v3/files`, jsonInit('POST', google, { name: `soak ${n}`, mimeType: 'text/plain' }));
      if (made.status !== 200) return `google create ${made.status}`;
      const got = await json(`${p('google')}/drive/v3/files/${made.body.id}?fields=id,name`, jsonInit('GET', google));
      if (got.status !== 200) return `google get ${got.status}`;
      const del = await json(`${p('google')}/drive/v3/files/${made.body.id}`, jsonInit('DELETE', google));
      return del.status === 204 ? undefined : `google delete ${del.status}`;
    },
  };
}

/** A socket that counts message events by text. */
function listen(url: string, seen: Map<string, number>, kind: 'socket' | 'rtm'): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('message', (d) => {
      const f = JSON.parse(d.toString());
      if (f.type === 'hello') resolve(ws);
      if (kind === 'socket' && f.envelope_id) ws.send(JSON.stringify({ envelope_id: f.envelope_id }));
      const e = kind === 'socket' ? f.payload?.event : f;
      if (e?.type === 'message' && !e.subtype && typeof e.text === 'string' && e.text.startsWith('soak ')) seen.set(e.text, (seen.get(e.text) ?? 0) + 1);
    });
    ws.once('error', reject);
  });
}

export async function soak(opts: { seconds: number; clients: number; log?: (l: string) => void }): Promise<SoakReport> {
  const log = opts.log ?? (() => undefined);
  const child = spawn(process.execPath, [join(ROOT, 'bin/dtu.js'), 'start', '--port-base', '0', '--json'], { cwd: ROOT, env: { ...process.env, DTU_FROM_SOURCE: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const urls = await new Promise<Urls>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
    });
    child.once('exit', (code) => reject(new Error(`dtu exited ${code}`)));
  });
  const sockets: WebSocket[] = [];
  try {
    const creds: Record<string, any> = {};
    for (const v of ['okta', 'slack', 'jira', 'google'] as const) creds[v] = (await json(`${urls[v]}/t/${TENANT}/_dtu/credentials`)).body;
    const s = `${urls.slack}/t/${TENANT}/api`;
    const channels = (await json(`${s}/conversations.list`, form(creds.slack.botToken, { types: 'public_channel' }))).body.channels as Array<{ id: string; name: string; is_member: boolean }>;
    const channel = (channels.find((ch) => ch.is_member && ch.name === 'general') ?? channels.find((ch) => ch.is_member))!.id;
    const bySocket = new Map<string, number>();
    const byRtm = new Map<string, number>();
    sockets.push(await listen((await json(`${s}/apps.connections.open`, form(creds.slack.appToken, {}))).body.url, bySocket, 'socket'));
    sockets.push(await listen((await json(`${s}/rtm.connect`, form(creds.slack.botToken, {}))).body.url, byRtm, 'rtm'));

    const posted = new Set<string>();
    const run = cycles(urls, creds, channel, posted);
    const twins = ['okta', 'slack', 'jira', 'google'] as const;
    const latencies: number[] = [];
    const errors: string[] = [];
    const rss: number[] = [];
    let requests = 0;
    const started = Date.now();
    const deadline = started + opts.seconds * 1000;
    const sampler = setInterval(() => rss.push(rssMb(child.pid!)), Math.max(500, (opts.seconds * 1000) / 30));
    await Promise.all(
      Array.from({ length: opts.clients }, async (_, k) => {
        for (let i = 0; Date.now() < deadline; i++) {
          const twin = twins[(k + i) % 4];
          const t0 = performance.now();
          const problem = await run[twin](`c${k}i${i}`).catch((e: Error) => `${twin} threw ${e.message}`);
          latencies.push(performance.now() - t0);
          requests += twin === 'okta' ? 4 : 3;
          if (problem) errors.push(problem);
        }
      }),
    );
    clearInterval(sampler);
    rss.push(rssMb(child.pid!));
    // Events are pushed after the answer: give the sockets a moment to drain.
    const drainUntil = Date.now() + 5_000;
    while (Date.now() < drainUntil && (bySocket.size < posted.size || byRtm.size < posted.size)) await new Promise((r) => setTimeout(r, 50));
    latencies.sort((a, b) => a - b);
    const warm = rss[Math.floor(rss.length / 3)] ?? rss[0];
    const report: SoakReport = {
      seconds: Math.round((Date.now() - started) / 1000),
      requests,
      errors,
      p50ms: Math.round(latencies[Math.floor(latencies.length * 0.5)] ?? 0),
      p99ms: Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? 0),
      rssMb: rss,
      rssGrowthPct: Math.round(((rss.at(-1)! - warm) / warm) * 1000) / 10,
      posted: posted.size,
      socketModeEvents: [...posted].filter((t) => bySocket.get(t) === 1).length,
      rtmEvents: [...posted].filter((t) => byRtm.get(t) === 1).length,
      duplicates: [...bySocket.values(), ...byRtm.values()].filter((n) => n > 1).length,
    };
    log(JSON.stringify({ ...report, errors: report.errors.slice(0, 10), errorCount: report.errors.length }));
    return report;
  } finally {
    for (const ws of sockets) ws.terminate();
    child.kill('SIGTERM');
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, clients: { type: 'string', default: '16' } } });
  const r = await soak({ seconds: Number(values.seconds), clients: Number(values.clients), log: (l) => console.log(l) });
  console.log(
    `${r.seconds} s, ${r.requests} requests (${Math.round(r.requests / r.seconds)}/s), p50 ${r.p50ms} ms, p99 ${r.p99ms} ms per cycle; ${r.errors.length} errors; RSS ${r.rssMb[Math.floor(r.rssMb.length / 3)]} → ${r.rssMb.at(-1)} MB after warm-up (${r.rssGrowthPct}%); ${r.posted} messages posted, ${r.socketModeEvents} delivered once over Socket Mode, ${r.rtmEvents} over RTM, ${r.duplicates} duplicates`,
  );
  process.exit(r.errors.length || r.socketModeEvents < r.posted || r.rtmEvents < r.posted || r.duplicates ? 1 : 0);
}
