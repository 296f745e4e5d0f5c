/**
 * Load and soak, bounded in time: all four twins in one `dtu start` child
 * process, many concurrent clients running mixed create/read/update/delete
 * cycles on each, while a Socket Mode client and an RTM client listen on Slack
 * and one webhook receiver takes Slack's Events API request URL, an Okta event
 * hook and a Google Drive changes channel. Prints throughput, latency, errors,
 * the server's memory over time, and whether every event reached every
 * listener exactly once.
 *
 *   npx tsx scripts/reliability/soak.ts [--seconds 600] [--clients 16]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { pushGaps, startReceiver } from './soak-receiver.js';

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
  /** Messages delivered exactly once to the Events API request URL. */
  requestUrlEvents: number;
  /** Okta users created, and their `user.lifecycle.create` events the event hook delivered exactly once. */
  oktaCreated: number;
  oktaHookEvents: number;
  /** Drive changes made, and `exists` notifications the changes channel received (message numbers 1..N, none missing). */
  driveChanges: number;
  drivePushes: number;
  drivePushesMissing: number;
  /** Any event delivered more than once, over any channel. */
  duplicates: number;
  receiverMalformed: string[];
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

/** Counters the cycles keep, checked against what the listeners received. */
interface Made {
  posted: Set<string>;
  oktaUsers: Set<string>;
  driveChanges: number;
}

/**
 * One create → read → update → delete cycle per twin, so the steady state holds
 * the same data and memory can stay flat.
 */
function cycles(u: Urls, c: Record<string, any>, channel: string, made: Made) {
  const p = (v: keyof Urls) => `${u[v]}/t/${TENANT}`;
  const okta = { authorization: `SSWS ${c.okta.token}` };
  const jira = { authorization: `Basic ${Buffer.from(`${c.jira.email}:${c.jira.apiToken}`).toString('base64')}` };
  const google = { authorization: `Bearer ${c.google.accessToken}` };
  return {
    async okta(n: string) {
      const made1 = await json(`${p('okta')}/api/v1/users?activate=false`, jsonInit('POST', okta, { profile: { firstName: 'Soak', lastName: n, email: `${n}@soak.example`, login: `${n}@soak.example` } }));
      if (made1.status !== 200) return `okta create ${made1.status}`;
      made.oktaUsers.add(made1.body.id);
      const got = await json(`${p('okta')}/api/v1/users/${made1.body.id}`, jsonInit('GET', okta));
      if (got.status !== 200) return `okta get ${got.status}`;
      const upd = await json(`${p('okta')}/api/v1/users/${made1.body.id}`, jsonInit('POST', okta, { profile: { title: `t ${n}` } }));
      if (upd.status !== 200 || upd.body.profile?.title !== `t ${n}`) return `okta update ${upd.status}`;
      await json(`${p('okta')}/api/v1/users/${made1.body.id}/lifecycle/deactivate`, jsonInit('POST', okta));
      const del = await json(`${p('okta')}/api/v1/users/${made1.body.id}`, jsonInit('DELETE', okta));
      return del.status === 204 ? undefined : `okta delete ${del.status}`;
    },
    async slack(n: string) {
      const text = `soak ${n}`;
      const sent = await json(`${p('slack')}/api/chat.postMessage`, form(c.slack.userToken, { channel, text }));
      if (!sent.body.ok) return `slack post ${sent.body.error}`;
      made.posted.add(text);
      const hist = await json(`${p('slack')}/api/conversations.history`, form(c.slack.userToken, { channel, limit: '5' }));
      if (!hist.body.ok) return `slack history ${hist.body.error}`;
      const upd = await json(`${p('slack')}/api/chat.update`, form(c.slack.userToken, { channel, ts: sent.body.ts, text: `${text} edited` }));
      if (!upd.body.ok) return `slack update ${upd.body.error}`;
      const del = await json(`${p('slack')}/api/chat.delete`, form(c.slack.userToken, { channel, ts: sent.body.ts }));
      return del.body.ok ? undefined : `slack delete ${del.body.error}`;
    },
    async jira(n: string) {
      const made1 = await json(`${p('jira')}/rest/api/3/issue`, jsonInit('POST', jira, { fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: `soak ${n}` } }));
      if (made1.status !== 201) return `jira create ${made1.status}`;
      const found = await json(`${p('jira')}/rest/api/3/search/jql?jql=${encodeURIComponent(`key = ${made1.body.key}`)}&fields=summary`, jsonInit('GET', jira));
      if (found.status !== 200 || found.body.issues?.[0]?.key !== made1.body.key) return `jira search ${found.status}`;
      const upd = await json(`${p('jira')}/rest/api/3/issue/${made1.body.key}`, jsonInit('PUT', jira, { fields: { summary: `soak ${n} edited` } }));
      if (upd.status !== 204) return `jira edit ${upd.status}`;
      const del = await json(`${p('jira')}/rest/api/3/issue/${made1.body.key}`, jsonInit('DELETE', jira));
      return del.status === 204 ? undefined : `jira delete ${del.status}`;
    },
    async google(n: string) {
      const made1 = await json(`${p('google')}/drive/v3/files`, jsonInit('POST', google, { name: `soak ${n}`, mimeType: 'text/plain' }));
      if (made1.status !== 200) return `google create ${made1.status}`;
      made.driveChanges++;
      const got = await json(`${p('google')}/drive/v3/files/${made1.body.id}?fields=id,name`, jsonInit('GET', google));
      if (got.status !== 200) return `google get ${got.status}`;
      const upd = await json(`${p('google')}/drive/v3/files/${made1.body.id}`, jsonInit('PATCH', google, { name: `soak ${n} edited` }));
      if (upd.status !== 200 || upd.body.name !== `soak ${n} edited`) return `google update ${upd.status}`;
      made.driveChanges++;
      const del = await json(`${p('google')}/drive/v3/files/${made1.body.id}`, jsonInit('DELETE', google));
      if (del.status === 204) made.driveChanges++;
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
  const rx = await startReceiver('soak ');
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
    await subscribeWebhooks(urls, creds, rx.url);

    const made: Made = { posted: new Set(), oktaUsers: new Set(), driveChanges: 0 };
    const run = cycles(urls, creds, channel, made);
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
          requests += twin === 'okta' ? 5 : 4;
          if (problem) errors.push(problem);
        }
      }),
    );
    clearInterval(sampler);
    rss.push(rssMb(child.pid!));
    const { posted, oktaUsers } = made;
    const drive = () => pushGaps(rx.got.google.get(DRIVE_CHANNEL));
    // Events are pushed after the answer (Okta hooks in batches): give every listener time to drain.
    const drainUntil = Date.now() + 20_000;
    const drained = () =>
      bySocket.size >= posted.size && byRtm.size >= posted.size && rx.got.slack.size >= posted.size && rx.got.okta.size >= oktaUsers.size && drive().max > made.driveChanges;
    while (Date.now() < drainUntil && !drained()) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    latencies.sort((a, b) => a - b);
    const warm = rss[Math.floor(rss.length / 3)] ?? rss[0];
    const once = (m: Map<string, number>, keys: Iterable<string>) => [...keys].filter((k) => m.get(k) === 1).length;
    const d = drive();
    const report: SoakReport = {
      seconds: Math.round((Date.now() - started) / 1000),
      requests,
      errors,
      p50ms: Math.round(latencies[Math.floor(latencies.length * 0.5)] ?? 0),
      p99ms: Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? 0),
      rssMb: rss,
      rssGrowthPct: Math.round(((rss.at(-1)! - warm) / warm) * 1000) / 10,
      posted: posted.size,
      socketModeEvents: once(bySocket, posted),
      rtmEvents: once(byRtm, posted),
      requestUrlEvents: once(rx.got.slack, posted),
      oktaCreated: oktaUsers.size,
      oktaHookEvents: once(rx.got.okta, oktaUsers),
      driveChanges: made.driveChanges,
      // Message 1 is the channel's `sync`; every later one is a change.
      drivePushes: Math.max(0, d.max - 1),
      drivePushesMissing: d.missing,
      duplicates:
        [...bySocket.values(), ...byRtm.values(), ...rx.got.slack.values(), ...rx.got.okta.values()].filter((n) => n > 1).length + rx.got.slackRepeats + rx.got.oktaRepeats + d.repeats,
      receiverMalformed: rx.got.malformed,
    };
    log(JSON.stringify({ ...report, errors: report.errors.slice(0, 10), errorCount: report.errors.length }));
    return report;
  } finally {
    for (const ws of sockets) ws.terminate();
    await rx.close();
    child.kill('SIGTERM');
  }
}

const DRIVE_CHANNEL = 'soak-drive-changes';

/** Points Slack's second app's request URL, an Okta event hook and a Drive changes channel at the receiver. */
async function subscribeWebhooks(u: Urls, c: Record<string, any>, rx: string): Promise<void> {
  const s = `${u.slack}/t/${TENANT}`;
  const members = (await json(`${s}/api/users.list`, form(c.slack.botToken, {}))).body.members as Array<{ is_bot: boolean; id: string; profile?: { api_app_id?: string } }>;
  // The Socket Mode app keeps its socket; another app of the workspace, a member of #general, receives over HTTP.
  const other = members.find((m) => m.is_bot && m.profile?.api_app_id && m.profile.api_app_id !== c.slack.appId)?.profile?.api_app_id;
  if (!other) throw new Error('the Slack fixture has no second app for the request URL');
  const cfg = await json(`${s}/_dtu/slack/apps/${other}/config`, jsonInit('PUT', {}, { socket_mode: false, request_url: `${rx}/slack`, bot_events: ['message.channels'] }));
  if (cfg.status !== 200) throw new Error(`slack request url: ${cfg.status} ${JSON.stringify(cfg.body)}`);

  const o = `${u.okta}/t/${TENANT}/api/v1/eventHooks`;
  const okta = { authorization: `SSWS ${c.okta.token}` };
  const hook = await json(o, jsonInit('POST', okta, { name: 'soak', events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create'] }, channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${rx}/okta` } } }));
  if (hook.status !== 200) throw new Error(`okta event hook: ${hook.status} ${JSON.stringify(hook.body)}`);
  const verified = await json(`${o}/${hook.body.id}/lifecycle/verify`, jsonInit('POST', okta));
  if (verified.body?.verificationStatus !== 'VERIFIED') throw new Error(`okta event hook verify: ${JSON.stringify(verified.body)}`);

  const g = `${u.google}/t/${TENANT}/drive/v3`;
  const google = { authorization: `Bearer ${c.google.accessToken}` };
  const start = await json(`${g}/changes/startPageToken`, jsonInit('GET', google));
  const watch = await json(`${g}/changes/watch?pageToken=${start.body.startPageToken}`, jsonInit('POST', google, { id: DRIVE_CHANNEL, type: 'web_hook', address: `${rx}/google` }));
  if (watch.status !== 200) throw new Error(`drive changes.watch: ${watch.status} ${JSON.stringify(watch.body)}`);
}

/** What a soak run got wrong, in words (empty when every figure holds). */
export function soakProblems(r: SoakReport): string[] {
  const out: string[] = [];
  if (r.errors.length) out.push(`${r.errors.length} errors, first: ${r.errors[0]}`);
  for (const [name, n] of [['Socket Mode', r.socketModeEvents], ['RTM', r.rtmEvents], ['the request URL', r.requestUrlEvents]] as const) {
    if (n !== r.posted) out.push(`${r.posted - n} of ${r.posted} messages not delivered exactly once over ${name}`);
  }
  if (r.oktaHookEvents !== r.oktaCreated) out.push(`${r.oktaCreated - r.oktaHookEvents} of ${r.oktaCreated} Okta user creations not delivered exactly once by the event hook`);
  if (r.drivePushes !== r.driveChanges || r.drivePushesMissing) out.push(`${r.driveChanges} Drive changes, ${r.drivePushes} notifications, ${r.drivePushesMissing} message numbers missing`);
  if (r.duplicates) out.push(`${r.duplicates} events delivered more than once`);
  if (r.receiverMalformed.length) out.push(`webhook requests not in the vendor's format: ${r.receiverMalformed.join('; ')}`);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '600' }, clients: { type: 'string', default: '16' } } });
  const r = await soak({ seconds: Number(values.seconds), clients: Number(values.clients), log: (l) => console.log(l) });
  const warm = r.rssMb[Math.floor(r.rssMb.length / 3)];
  console.log(
    `${r.seconds} s, ${r.requests} requests (${Math.round(r.requests / r.seconds)}/s), p50 ${r.p50ms} ms, p99 ${r.p99ms} ms per cycle; ${r.errors.length} errors; ` +
      `RSS ${r.rssMb[0]} MB at start, ${warm} MB after warm-up, ${r.rssMb.at(-1)} MB at the end (${r.rssGrowthPct}% after warm-up); ` +
      `${r.posted} Slack messages posted: ${r.socketModeEvents} delivered once over Socket Mode, ${r.rtmEvents} over RTM, ${r.requestUrlEvents} to the request URL; ` +
      `${r.oktaCreated} Okta users created, ${r.oktaHookEvents} delivered once by the event hook; ${r.driveChanges} Drive changes, ${r.drivePushes} push notifications (${r.drivePushesMissing} missing); ${r.duplicates} duplicates`,
  );
  const problems = soakProblems(r);
  for (const p of problems) console.log(`PROBLEM: ${p}`);
  process.exit(problems.length ? 1 : 0);
}
