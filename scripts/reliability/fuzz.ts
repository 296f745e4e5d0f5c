/**
 * Fuzzes every operation of every twin from its spec digest (see fuzz-requests.ts)
 * and checks each answer: no 5xx but 501, no hang, every error in the vendor's
 * own format. Request i of a run is drawn from seed + i, so any failure replays
 * alone with `--seed <printed seed> --requests 1 --twin <t> --op <id>`.
 *
 *   npx tsx scripts/reliability/fuzz.ts [--requests 100000] [--seed N] [--twin okta] [--op createUser]
 *   npx tsx scripts/reliability/fuzz.ts --socket      # slow clients, truncated and garbled bytes on a real socket
 */
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { createVendorTwin, VENDORS, type Vendor } from '../../src/vendors.js';
import type { Twin } from '../../src/core/twin.js';
import { listen } from '../../src/server/node.js';
import { requestFor, type FuzzRequest } from './fuzz-requests.js';

const ORIGIN = 'http://fuzz.test';
const HANG_MS = 15_000;

export interface FuzzFailure {
  seed: number;
  twin: Vendor;
  op: string;
  strategy: string;
  method: string;
  url: string;
  status: number | 'hang' | 'threw';
  problem: string;
  excerpt: string;
}

export interface FuzzReport {
  requests: number;
  byStatus: Record<string, number>;
  operations: number;
  failures: FuzzFailure[];
}

/** The headers that authenticate as the tenant's admin, per vendor, from `/_dtu/credentials`. */
function adminAuth(vendor: Vendor, c: Record<string, any>, op: string): Array<[string, string]> {
  switch (vendor) {
    case 'okta': return [['authorization', `SSWS ${c.token}`]];
    case 'slack': return [['authorization', `Bearer ${op.startsWith('admin.') ? c.adminToken : op.startsWith('apps.connections') ? c.appToken : c.userToken}`]];
    case 'jira': return [['authorization', `Basic ${Buffer.from(`${c.email}:${c.apiToken}`).toString('base64')}`]];
    case 'google': return [['authorization', `Bearer ${c.accessToken}`]];
  }
}

const parse = (text: string): any => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Why an answer is not in the vendor's own error format, or undefined when it is. */
export function formatProblem(vendor: Vendor, path: string, status: number, text: string, contentType: string): string | undefined {
  const b = parse(text);
  const oauthError = b && typeof b.error === 'string';
  switch (vendor) {
    case 'okta':
      if (status < 400) return undefined;
      if (/\/oauth2\/|\/\.well-known\//.test(path) && oauthError) return undefined;
      return typeof b?.errorCode === 'string' && typeof b?.errorSummary === 'string' ? undefined : 'not an Okta error (errorCode, errorSummary)';
    case 'slack':
      if (contentType.includes('gzip') || (status < 400 && b?.ok === true)) return undefined;
      if (status >= 400 && status !== 429 && status !== 501 && status !== 404 && status !== 413 && status !== 405) return `Slack answers errors with HTTP 200, not ${status}`;
      return b && b.ok === false && typeof b.error === 'string' ? undefined : status < 400 && b?.ok === true ? undefined : 'not a Slack error ({ok:false, error})';
    case 'jira':
      if (status < 400) return undefined;
      // Jira's own plain-text answers: unauthenticated (401) and a failed XSRF check (403).
      if (/^text\/(plain|html)/.test(contentType) && ((status === 401 && /must be authenticated/.test(text)) || (status === 403 && /^XSRF check failed/.test(text)))) return undefined;
      return b && (Array.isArray(b.errorMessages) || (b.errors && typeof b.errors === 'object')) ? undefined : 'not a Jira error (errorMessages, errors)';
    case 'google':
      if (status < 400) return undefined;
      if (path === '/token' || /\/oauth2\//.test(path)) return oauthError ? undefined : 'not an OAuth error ({error})';
      return b?.error && typeof b.error.code === 'number' && typeof b.error.message === 'string' ? undefined : 'not a Google error (error.code, error.message)';
  }
}

async function send(twin: Twin, r: FuzzRequest): Promise<{ status: number; text: string; contentType: string } | 'hang'> {
  const headers = new Headers();
  for (const [k, v] of r.headers) {
    try {
      headers.append(k, v);
    } catch {
      // a header value fetch itself refuses to send cannot reach a real twin either
    }
  }
  const req = new Request(`${ORIGIN}${r.url}`, { method: r.method, headers, body: r.method === 'GET' || r.method === 'HEAD' ? undefined : (r.body as BodyInit | undefined) });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), HANG_MS)));
  const answer = twin.fetch(req).then(async (res) => ({ status: res.status, text: await res.text(), contentType: res.headers.get('content-type') ?? '' }));
  try {
    return await Promise.race([answer, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** Fuzzes one twin: `requests` requests spread round-robin over its operations (or one operation). */
export async function fuzzTwin(vendor: Vendor, opts: { requests: number; seed: number; op?: string; onProgress?: (done: number, report: FuzzReport) => void }): Promise<FuzzReport> {
  const twin = await createVendorTwin(vendor, { journalCapacity: 100 });
  const digest = twin.def.digest;
  const ops = digest.operations.filter((o) => !opts.op || o.id === opts.op);
  if (!ops.length) throw new Error(`no operation ${opts.op} in ${vendor}`);
  const report: FuzzReport = { requests: 0, byStatus: {}, operations: ops.length, failures: [] };
  const tenant = 'fuzz';
  let creds = (await (await twin.fetch(new Request(`${ORIGIN}/t/${tenant}/_dtu/credentials`))).json()) as Record<string, any>;
  try {
    for (let i = 0; i < opts.requests; i++) {
      // A fresh tenant now and then: fuzzing deletes admins and fills collections.
      if (i > 0 && i % 250 === 0) {
        twin.registry.reset(tenant);
        creds = (await (await twin.fetch(new Request(`${ORIGIN}/t/${tenant}/_dtu/credentials`))).json()) as Record<string, any>;
      }
      const op = ops[i % ops.length];
      const seed = opts.seed + i;
      const [r] = fc.sample(requestFor(op, digest, `/t/${tenant}`, adminAuth(vendor, creds, op.id)), { seed, numRuns: 1 });
      let out: Awaited<ReturnType<typeof send>> | undefined;
      let problem: string | undefined;
      try {
        out = await send(twin, r);
      } catch (e) {
        problem = `twin.fetch threw: ${(e as Error).message}`;
      }
      report.requests++;
      const status = out === undefined ? 'threw' : out === 'hang' ? 'hang' : out.status;
      report.byStatus[String(status)] = (report.byStatus[String(status)] ?? 0) + 1;
      if (out && out !== 'hang') {
        if (out.status >= 500 && out.status !== 501) problem = `HTTP ${out.status}`;
        else if (r.method !== 'HEAD') problem = formatProblem(vendor, r.url.replace(`/t/${tenant}`, '').split('?')[0], out.status, out.text, out.contentType);
      } else if (out === 'hang') problem = `no answer in ${HANG_MS} ms`;
      if (problem) {
        report.failures.push({ seed, twin: vendor, op: op.id, strategy: r.strategy, method: r.method, url: r.url.slice(0, 200), status, problem, excerpt: out && out !== 'hang' ? out.text.slice(0, 300) : '' });
      }
      if (opts.onProgress && (i + 1) % 1000 === 0) opts.onProgress(i + 1, report);
    }
  } finally {
    await twin.close();
  }
  return report;
}

/**
 * Abuse on a real socket: a client that sends half its headers and stalls, one
 * that promises a body it never finishes, raw garbage, invalid UTF-8 in the
 * request line. The twin must keep answering other clients meanwhile.
 */
export async function socketAbuse(vendor: Vendor): Promise<{ cases: number; problems: string[] }> {
  const server = await listen(await createVendorTwin(vendor, { journalCapacity: 100 }), { port: 0 });
  const problems: string[] = [];
  const raw = (payload: Buffer | string, closeAfterMs = 300) =>
    new Promise<string>((resolve) => {
      const s = connect(server.port, '127.0.0.1');
      let got = '';
      s.on('data', (d) => (got += d));
      s.on('error', () => resolve(got));
      s.on('close', () => resolve(got));
      s.write(payload);
      setTimeout(() => s.destroy(), closeAfterMs);
    });
  const cases: Array<[string, Buffer | string]> = [
    ['half headers then stall', 'POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Ty'],
    ['body shorter than content-length', 'POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"profile":'],
    ['garbage', Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x00, 0x00, 0x0a, 0x0d, 0x0a])],
    ['invalid UTF-8 in the request line', Buffer.concat([Buffer.from('GET /api/'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')])],
    ['duplicated content-length', 'POST /api/chat.postMessage HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 4\r\n\r\n{}'],
    ['chunked with a bad chunk size', 'POST /rest/api/3/issue HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n'],
  ];
  try {
    const stalled = cases.map(([, p]) => raw(p, 2_000));
    // While the abusive clients hang on, a well-behaved one is served.
    const health = await fetch(`${server.url}/_dtu/health`, { signal: AbortSignal.timeout(5_000) }).catch((e: Error) => e);
    if (health instanceof Error || !health.ok) problems.push(`health check failed while abused: ${health instanceof Error ? health.message : health.status}`);
    const answers = await Promise.all(stalled);
    answers.forEach((a, i) => {
      if (/^HTTP\/1\.1 5\d\d/.test(a) && !a.startsWith('HTTP/1.1 501')) problems.push(`${cases[i][0]}: ${a.split('\r\n')[0]}`);
    });
    const after = await fetch(`${server.url}/_dtu/health`, { signal: AbortSignal.timeout(5_000) }).catch((e: Error) => e);
    if (after instanceof Error || !after.ok) problems.push('twin stopped answering after the abuse');
  } finally {
    await server.close();
  }
  return { cases: cases.length, problems };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: { requests: { type: 'string', default: '100000' }, seed: { type: 'string' }, twin: { type: 'string' }, op: { type: 'string' }, socket: { type: 'boolean', default: false } },
  });
  const twins = values.twin ? [values.twin as Vendor] : [...VENDORS];
  if (values.socket) {
    for (const v of twins) console.log(v, JSON.stringify(await socketAbuse(v)));
    process.exit(0);
  }
  const seed = values.seed ? Number(values.seed) : Date.now() % 2 ** 31;
  const total = Number(values.requests);
  const started = Date.now();
  let requests = 0;
  const failures: FuzzFailure[] = [];
  const byStatus: Record<string, number> = {};
  let operations = 0;
  for (const [k, v] of twins.entries()) {
    // Each twin gets its share and its own seed range, so a failure's seed replays without the others.
    const share = Math.ceil(total / twins.length);
    const twinSeed = seed + k * 10_000_000;
    const r = await fuzzTwin(v, { requests: share, seed: twinSeed, op: values.op, onProgress: (n, rep) => n % 5000 === 0 && console.log(`${v}: ${n}/${share}, ${rep.failures.length} failures`) });
    requests += r.requests;
    operations += r.operations;
    failures.push(...r.failures);
    for (const [s, n] of Object.entries(r.byStatus)) byStatus[s] = (byStatus[s] ?? 0) + n;
    console.log(`${v}: ${r.requests} requests over ${r.operations} operations (seeds ${twinSeed}..${twinSeed + share - 1}), ${r.failures.length} failures`);
  }
  const fivexx = Object.entries(byStatus).filter(([s]) => /^5\d\d$/.test(s) && s !== '501').reduce((a, [, n]) => a + n, 0);
  const groups = new Map<string, FuzzFailure[]>();
  for (const f of failures) groups.set(`${f.twin} ${f.op} ${f.status} ${f.problem}`, [...(groups.get(`${f.twin} ${f.op} ${f.status} ${f.problem}`) ?? []), f]);
  for (const [key, fs] of groups) console.log(`FAIL ${key} ×${fs.length} — replay: --twin ${fs[0].twin} --op ${fs[0].op} --seed ${fs[0].seed} --requests 1 (${fs[0].strategy} ${fs[0].method} ${fs[0].url.slice(0, 100)}) ${fs[0].excerpt.slice(0, 160)}`);
  console.log(`seed ${seed}: ${requests} requests over ${operations} operations in ${Math.round((Date.now() - started) / 1000)} s; ${fivexx} × 5xx (501 excluded); ${failures.length} failures; statuses ${JSON.stringify(byStatus)}`);
  process.exit(failures.length ? 1 : 0);
}
