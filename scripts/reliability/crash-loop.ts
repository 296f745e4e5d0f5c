/**
 * Crash safety, by force: runs `dtu start slack okta jira --data-dir D` as a child
 * process, streams concurrent writes at it (Slack messages, Okta users, edits of one
 * Jira issue, each read back from the issue's changelog), kills it
 * with SIGKILL at a random moment, checks every data file still parses, restarts
 * it and checks that every write it acknowledged is served back. Repeats.
 *
 *   npx tsx scripts/reliability/crash-loop.ts [--kills 50] [--writers 8] [--seed N]
 *
 * Prints the figures (kills survived, writes acknowledged and verified) and the
 * seed, and exits non-zero when anything acknowledged went missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import fc from 'fast-check';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TENANT = 'crash';

export interface CrashReport {
  seed: number;
  kills: number;
  acknowledged: number;
  /** Acknowledged writes per twin (Slack messages, Okta users, Jira edits). */
  byTwin: { slack: number; okta: number; jira: number };
  verified: number;
  missing: string[];
  unparsable: string[];
  filesChecked: number;
}

interface Server {
  child: ChildProcess;
  urls: { slack: string; okta: string; jira: string };
  exited: Promise<void>;
}

async function startServer(dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/dtu.js'), 'start', 'slack', 'okta', 'jira', '--port-base', '0', '--json', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, DTU_FROM_SOURCE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const urls = await new Promise<Server['urls']>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`dtu did not start in 60 s: ${err}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(JSON.parse(out.slice(0, nl)));
      }
    });
    child.once('exit', (code) => reject(new Error(`dtu exited with ${code} before listening: ${err}`)));
  });
  return { child, urls, exited };
}

/** Every state file under the data dir, parsed: a half-written file is reported, never skipped. */
function checkFiles(dataDir: string): { checked: number; unparsable: string[] } {
  const unparsable: string[] = [];
  let checked = 0;
  for (const twin of readdirSync(dataDir)) {
    for (const f of readdirSync(join(dataDir, twin))) {
      if (!f.endsWith('.json') || f.startsWith('.')) continue;
      checked++;
      try {
        const data = JSON.parse(readFileSync(join(dataDir, twin, f), 'utf8'));
        if (typeof data?.collections !== 'object') unparsable.push(`${twin}/${f}: no collections`);
      } catch (e) {
        unparsable.push(`${twin}/${f}: ${(e as Error).message}`);
      }
    }
  }
  return { checked, unparsable };
}

interface Creds {
  slackToken: string;
  channel: string;
  oktaToken: string;
  jiraAuth: string;
  /** The issue every Jira write edits: its history is what a restart must read back. */
  issue: string;
}

async function credentials(s: Server): Promise<Creds> {
  const slack = (await (await fetch(`${s.urls.slack}/t/${TENANT}/_dtu/credentials`)).json()) as { userToken: string };
  const okta = (await (await fetch(`${s.urls.okta}/t/${TENANT}/_dtu/okta/credentials/ssws`)).json()) as { token: string };
  const list = await slackCall(s, slack.userToken, 'conversations.list', { types: 'public_channel', limit: '10' });
  let channel = (list.channels as Array<{ id: string; name: string }> | undefined)?.find((c) => c.name === 'crash-writes')?.id;
  if (!channel) channel = ((await slackCall(s, slack.userToken, 'conversations.create', { name: 'crash-writes' })).channel as { id: string }).id;
  const jira = (await (await fetch(`${s.urls.jira}/t/${TENANT}/_dtu/credentials`)).json()) as { email: string; apiToken: string };
  const jiraAuth = `Basic ${Buffer.from(`${jira.email}:${jira.apiToken}`).toString('base64')}`;
  const found = (await jiraCall(s, jiraAuth, 'GET', `/search/jql?jql=${encodeURIComponent('labels = crash-writes')}&fields=summary`)) as { issues: Array<{ key: string }> };
  let issue = found.issues[0]?.key;
  if (!issue) {
    const project = ((await jiraCall(s, jiraAuth, 'GET', '/project/search')) as { values: Array<{ key: string }> }).values[0].key;
    const made = await jiraCall(s, jiraAuth, 'POST', '/issue', { fields: { project: { key: project }, summary: 'crash writes', issuetype: { name: 'Task' }, labels: ['crash-writes'] } });
    issue = (made as { key: string }).key;
  }
  return { slackToken: slack.userToken, channel, oktaToken: okta.token, jiraAuth, issue };
}

async function jiraCall(s: Server, auth: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${s.urls.jira}/t/${TENANT}/rest/api/3${path}`, { method, headers: { authorization: auth, 'content-type': 'application/json', accept: 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`jira ${method} ${path} answered ${res.status}: ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

async function slackCall(s: Server, token: string, method: string, args: Record<string, string>): Promise<Record<string, unknown>> {
  const res = await fetch(`${s.urls.slack}/t/${TENANT}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(args) });
  return (await res.json()) as Record<string, unknown>;
}

/** Texts of every message in the channel and logins of every user, as the restarted twins serve them. */
async function served(s: Server, c: Creds): Promise<Set<string>> {
  const seen = new Set<string>();
  let cursor = '';
  do {
    const page = await slackCall(s, c.slackToken, 'conversations.history', { channel: c.channel, limit: '1000', ...(cursor ? { cursor } : {}) });
    for (const m of (page.messages as Array<{ text: string }>) ?? []) seen.add(m.text);
    cursor = (page.response_metadata as { next_cursor?: string } | undefined)?.next_cursor ?? '';
  } while (cursor);
  let next: string | undefined = `${s.urls.okta}/t/${TENANT}/api/v1/users?limit=200`;
  while (next) {
    const res: Response = await fetch(next, { headers: { authorization: `SSWS ${c.oktaToken}`, accept: 'application/json' } });
    for (const u of (await res.json()) as Array<{ profile: { login: string } }>) seen.add(u.profile.login);
    next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
  }
  // Each acknowledged edit of the Jira issue is a change group in its history, naming the summary it set.
  for (let startAt = 0, last = false; !last; startAt += 100) {
    const page = (await jiraCall(s, c.jiraAuth, 'GET', `/issue/${c.issue}/changelog?startAt=${startAt}&maxResults=100`)) as { isLast: boolean; values: Array<{ items: Array<{ field: string; toString: string | null }> }> };
    for (const g of page.values) for (const i of g.items) if (i.field === 'summary' && i.toString) seen.add(i.toString);
    last = page.isLast;
  }
  return seen;
}

/** Writes until the server dies; returns what it acknowledged. */
async function writer(s: Server, c: Creds, id: string, acked: Set<string>): Promise<void> {
  for (let n = 0; ; n++) {
    const key = `${id}-${n}`;
    try {
      if (n % 3 === 2) {
        const login = `${key}@crash.example`;
        const res = await fetch(`${s.urls.okta}/t/${TENANT}/api/v1/users?activate=false`, {
          method: 'POST',
          headers: { authorization: `SSWS ${c.oktaToken}`, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ profile: { firstName: 'Crash', lastName: key, email: login, login } }),
        });
        if (res.status === 200) acked.add(login);
        else await res.arrayBuffer();
      } else if (n % 3 === 1) {
        const res = await fetch(`${s.urls.jira}/t/${TENANT}/rest/api/3/issue/${c.issue}`, {
          method: 'PUT',
          headers: { authorization: c.jiraAuth, 'content-type': 'application/json' },
          body: JSON.stringify({ fields: { summary: key } }),
        });
        await res.arrayBuffer();
        if (res.status === 204) acked.add(key);
      } else {
        const body = await slackCall(s, c.slackToken, 'chat.postMessage', { channel: c.channel, text: key });
        if (body.ok === true) acked.add(key);
      }
    } catch {
      return; // connection refused or reset: the server is gone
    }
  }
}

export async function crashLoop(opts: { kills: number; writers: number; seed?: number; log?: (line: string) => void }): Promise<CrashReport> {
  const seed = opts.seed ?? Date.now() % 2 ** 31;
  const log = opts.log ?? (() => undefined);
  // The kill moments are drawn from a seeded source, so a failing run replays with --seed.
  const delays = fc.sample(fc.integer({ min: 50, max: 1500 }), { seed, numRuns: opts.kills });
  const dataDir = mkdtempSync(join(tmpdir(), 'dtu-crash-'));
  const acked = new Set<string>();
  const report: CrashReport = { seed, kills: 0, acknowledged: 0, byTwin: { slack: 0, okta: 0, jira: 0 }, verified: 0, missing: [], unparsable: [], filesChecked: 0 };
  try {
    for (let round = 0; round <= opts.kills; round++) {
      const s = await startServer(dataDir);
      try {
        const c = await credentials(s);
        const seen = await served(s, c);
        const missing = [...acked].filter((k) => !seen.has(k));
        report.missing.push(...missing);
        report.verified = acked.size - missing.length;
        if (round === opts.kills) {
          s.child.kill('SIGTERM');
          await s.exited;
          break;
        }
        const before = acked.size;
        const running = Array.from({ length: opts.writers }, (_, w) => writer(s, c, `r${round}w${w}`, acked));
        await new Promise((r) => setTimeout(r, delays[round]));
        // On a loaded machine the first writes can take longer than the drawn delay: the kill waits (up to 10 s) for
        // one acknowledged write of this round, so every round kills a server with writes it must keep.
        for (const until = Date.now() + 10_000; acked.size === before && Date.now() < until; ) await new Promise((r) => setTimeout(r, 10));
        s.child.kill('SIGKILL');
        await s.exited;
        await Promise.all(running);
        report.kills++;
        const files = checkFiles(dataDir);
        report.filesChecked += files.checked;
        report.unparsable.push(...files.unparsable);
        log(`kill ${report.kills}/${opts.kills} after ${delays[round]} ms: ${acked.size} acknowledged so far, ${missing.length} missing at last restart, ${files.checked} files parse`);
      } finally {
        if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  report.acknowledged = acked.size;
  for (const k of acked) report.byTwin[k.includes('@') ? 'okta' : Number(k.split('-').at(-1)) % 3 === 1 ? 'jira' : 'slack']++;
  return report;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { kills: { type: 'string', default: '50' }, writers: { type: 'string', default: '8' }, seed: { type: 'string' } } });
  const report = await crashLoop({ kills: Number(values.kills), writers: Number(values.writers), seed: values.seed ? Number(values.seed) : undefined, log: (l) => console.log(l) });
  console.log(JSON.stringify(report.missing.length || report.unparsable.length ? report : { ...report, missing: report.missing.length }, null, 2));
  console.log(`seed ${report.seed}: ${report.kills} kills survived, ${report.acknowledged} writes acknowledged (Slack ${report.byTwin.slack}, Okta ${report.byTwin.okta}, Jira ${report.byTwin.jira}), ${report.verified} verified after restart, ${report.missing.length} lost, ${report.unparsable.length} unparsable files of ${report.filesChecked} checked`);
  process.exit(report.missing.length || report.unparsable.length ? 1 : 0);
}
